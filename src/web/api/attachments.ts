import { useQuery } from '@tanstack/react-query';
import type { AttachmentAudience } from '../../core/access/record.js';
import type { AttachmentList, AttachmentView } from '../../core/records/attachments.js';
import type { RecordState } from '../../core/records/lifecycle.js';
import { fetchBlob, request, uploadForm, withQuery } from './client.js';
import { recordKey } from './records.js';

function attachmentsPath(recordId: string): string {
  return `/api/records/${encodeURIComponent(recordId)}/attachments`;
}

/** Where an attachment's bytes are served (inline for images and PDFs, as a download otherwise). */
export function attachmentUrl(recordId: string, attachmentId: string): string {
  return `${attachmentsPath(recordId)}/${encodeURIComponent(attachmentId)}`;
}

/** Under the record's key: whatever refreshes the record refreshes its attachments. */
export function attachmentsKey(recordId: string) {
  return [...recordKey(recordId), 'attachments'] as const;
}

/**
 * The list for the record in `state`: what the reader may do with each file (delete) changes
 * with the record's state, so a record sent or sent back reads its list again.
 */
export function useAttachments(recordId: string, state: RecordState) {
  return useQuery({
    queryKey: [...attachmentsKey(recordId), state],
    queryFn: () => request<AttachmentList>('GET', attachmentsPath(recordId)),
    staleTime: 0,
  });
}

export function uploadAttachment(
  recordId: string,
  file: File,
  audience: AttachmentAudience,
  onProgress: (share: number) => void,
): Promise<AttachmentView> {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadForm(withQuery(attachmentsPath(recordId), { audience }), form, onProgress);
}

export function deleteAttachment(recordId: string, attachmentId: string): Promise<unknown> {
  return request('DELETE', attachmentUrl(recordId, attachmentId));
}

export function fetchAttachment(recordId: string, attachmentId: string): Promise<Blob> {
  return fetchBlob(attachmentUrl(recordId, attachmentId));
}
