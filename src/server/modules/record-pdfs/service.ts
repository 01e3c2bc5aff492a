import { createHash, randomInt } from 'node:crypto';
import { recordAllows } from '../../../core/access/record.js';
import type { CanonicalView } from '../../../core/records/canonical.js';
import { AppError } from '../../../core/errors.js';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  formatCode,
  normalizeCode,
  type PdfLanguage,
  type Verification,
  type VerifyCheck,
} from '../../../core/records/pdf.js';
import type { SignatureCheck } from '../../../core/signatures/api.js';
import { appendAudit } from '../../lib/audit/append.js';
import { notFoundOrDenied } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import type { RecordPdfTable } from '../../db/schema.js';
import { newId, nowIso } from '../../lib/ids.js';
import { renderRecordPdf } from '../../lib/pdf/render.js';
import { requireRecord } from '../records/access.js';
import { canonicalRecord, recordSha256 } from '../records/canonical.js';
import { presentRecord } from '../records/read.js';
import { listSignatures } from '../signatures/repo.js';
import { verifySignatures } from '../signatures/verify.js';
import { recordDocument } from './document.js';
import * as repo from './repo.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A file name from the topic: characters no file system takes become `_`. */
function fileNameOf(topic: string, code: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = topic.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120);
  return `${safe}-${formatCode(code)}.pdf`;
}

const liveSignatureIds = (signatures: { id: string; voidedAt: string | null }[]) =>
  signatures.filter((s) => s.voidedAt === null).map((s) => s.id);

export interface RenderedPdf {
  pdf: Buffer;
  fileName: string;
  issued: RecordPdfTable;
}

/**
 * The record's PDF for this reader, in the view the reader has (the employee's or the whole
 * record), with the row that will record it as issued: its code, its hash and the record's
 * canonical hash. Reads only: the PDF reflects the record as read, and the caller records it
 * (`recordIssuedPdf`). A draft has no PDF.
 */
export async function renderIssuedPdf(
  call: Call,
  id: string,
  language: PdfLanguage,
  publicUrl: string,
): Promise<RenderedPdf> {
  const loaded = await requireRecord(call, id);
  if (!recordAllows(loaded.standing, 'record.pdf', loaded.row.state))
    throw new AppError('PDF_NOT_SUBMITTED');
  const view: CanonicalView = loaded.standing.audience === 'full' ? 'full' : 'employee';
  const canonical = await canonicalRecord(call, loaded.row, view);
  const code = newCode();
  const issuedAt = nowIso();
  const presented = await presentRecord(call, loaded);
  const document = await recordDocument(call, presented, canonical, {
    language,
    code,
    verifyUrl: `${publicUrl}/verify/${code}`,
    recordSha256: recordSha256(canonical),
    issuedAt,
  });
  const pdf = await renderRecordPdf(document);
  return {
    pdf,
    fileName: fileNameOf(document.topic, code),
    issued: {
      id: newId(),
      record_id: id,
      code,
      view,
      language,
      record_sha256: document.recordSha256,
      pdf_sha256: sha256(pdf),
      issued_by: call.meta.actorUserId!,
      issued_at: issuedAt,
      signature_ids: JSON.stringify(liveSignatureIds(presented.signatures)),
    },
  };
}

/** Records a rendered PDF as issued, with the audit entry of its download. */
export async function recordIssuedPdf(call: Call, issued: RecordPdfTable) {
  await repo.insertPdf(call.db, issued);
  await appendAudit(
    call.db,
    call.meta,
    {
      action: 'record.pdf_issued',
      payload: {
        pdfId: issued.id,
        code: issued.code,
        view: issued.view,
        language: issued.language,
        recordSha256: issued.record_sha256,
        pdfSha256: issued.pdf_sha256,
      },
    },
    { type: 'record', id: issued.record_id },
  );
}

/** Renders and records one PDF in the caller's transaction. */
export async function issueRecordPdf(
  call: Call,
  id: string,
  language: PdfLanguage,
  publicUrl: string,
): Promise<{ pdf: Buffer; fileName: string }> {
  const rendered = await renderIssuedPdf(call, id, language, publicUrl);
  await recordIssuedPdf(call, rendered.issued);
  return rendered;
}

/** Every PDF starts with this header (ISO 32000-1 §7.5.2). */
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** Checks an uploaded PDF: it must be, byte for byte, one that was issued. */
export async function verifyPdfFile(call: Call, bytes: Buffer): Promise<Verification> {
  if (!bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) throw new AppError('NOT_A_PDF');
  const issued = await repo.findByPdfSha256(call.db, sha256(bytes));
  if (!issued) throw new AppError('PDF_NOT_ISSUED');
  return verifyIssued(call, issued, 'file');
}

/** Checks a verification code as printed on a PDF. */
export async function verifyPdfCode(call: Call, input: string): Promise<Verification> {
  const issued = await repo.findByCode(call.db, normalizeCode(input));
  if (!issued) throw notFoundOrDenied();
  return verifyIssued(call, issued, 'code');
}

/** Which of the PDF checks each kind of signature check belongs to. */
const CHECK_OF_KIND: Record<SignatureCheck['kind'], VerifyCheck> = {
  signature: 'signatures',
  handwriting: 'signatures',
  record_hash: 'signatures',
  seal: 'seal',
  timestamp: 'timestamp',
};

/**
 * The checks of an issued PDF, for a reader of its record (anyone else: NOT_FOUND): it was
 * issued; the record still hashes, in the view the PDF showed, as it did then; the signatures in
 * force are the ones it printed; and, once signed, every signature, the seal and its timestamp
 * verify (`verifySignatures`, the checks of `miantan verify-record`).
 */
async function verifyIssued(
  call: Call,
  issued: repo.IssuedPdf,
  by: 'file' | 'code',
): Promise<Verification> {
  const { row } = await requireRecord(call, issued.record_id);
  const now = recordSha256(await canonicalRecord(call, row, issued.view));
  const report = await verifySignatures(call, row.id);
  const live = liveSignatureIds(
    (await listSignatures(call.db, row.id)).map((s) => ({ id: s.id, voidedAt: s.voided_at })),
  );
  const checks: { name: VerifyCheck; ok: boolean }[] = [
    { name: 'issued', ok: true },
    { name: 'recordUnchanged', ok: now === issued.record_sha256 },
    { name: 'signaturesCurrent', ok: JSON.stringify(live) === issued.signature_ids },
  ];
  for (const c of report.checks) {
    const name = CHECK_OF_KIND[c.kind];
    const known = checks.find((k) => k.name === name);
    if (known) known.ok &&= c.ok;
    else checks.push({ name, ok: c.ok });
  }
  const valid = checks.every((c) => c.ok);
  await call.ctx.readLog.record(
    call.meta,
    { action: 'record.pdf_verified', payload: { pdfId: issued.id, code: issued.code, by, valid } },
    { type: 'record', id: row.id },
  );
  return {
    valid,
    code: issued.code,
    issuedAt: issued.issued_at,
    language: issued.language,
    view: issued.view,
    record: { id: row.id, topic: row.topic, employeeName: row.employee_name, state: row.state },
    checks,
  };
}
