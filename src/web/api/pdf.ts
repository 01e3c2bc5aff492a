import type { PdfLanguage, Verification } from '../../core/records/pdf.js';
import { request, requestBlob, withQuery } from './client.js';

/** The record's PDF in this language; each call issues (and records) a new copy. */
export function fetchRecordPdf(recordId: string, language: PdfLanguage): Promise<Blob> {
  return requestBlob(
    withQuery(`/api/records/${encodeURIComponent(recordId)}/pdf`, { lang: language }),
  );
}

export function verifyPdfFile(file: File): Promise<Verification> {
  const form = new FormData();
  form.append('file', file);
  return request<Verification>('POST', '/api/verify', form);
}

export function verifyPdfCode(code: string): Promise<Verification> {
  return request<Verification>('GET', `/api/verify/${encodeURIComponent(code)}`);
}
