import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  attachmentTarget,
  deletesAttachment,
  readsAttachment,
  type AttachmentAudience,
  type AttachmentFacts,
  type AttachmentPart,
  type RecordStanding,
} from '../../../core/access/record.js';
import { AppError } from '../../../core/errors.js';
import type { TamperedValue } from '../../../core/integrity.js';
import {
  ATTACHMENT_TYPES,
  PREVIEWABLE_TYPES,
  type AttachmentExtension,
  type AttachmentList,
  type AttachmentView,
} from '../../../core/records/attachments.js';
import type { RecordState } from '../../../core/records/lifecycle.js';
import type { AppContext } from '../../context.js';
import { lockAcrossNodes } from '../../db/helpers.js';
import { appendAudit } from '../../lib/audit/append.js';
import { DecryptError, encrypt } from '../../lib/crypto/envelope.js';
import { openStored } from '../../lib/crypto/integrity.js';
import { forbidden, notFoundOrDenied } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import { newId, nowIso } from '../../lib/ids.js';
import { alertIntegrityFailure } from '../integrity/alert.js';
import { requireRecord, type LoadedRecord } from '../records/access.js';
import { checkContentType } from './content-type.js';
import * as repo from './repo.js';
import { fileNameContext, openAttachment, sealAttachment } from './sealed-file.js';

/** Where an upload goes, decided before its body is read and again when it is committed. */
export interface Admitted {
  recordId: string;
  part: AttachmentPart;
  audience: AttachmentAudience;
}

/** A file stored (sealed) under its key, not yet in the database. */
export interface StoredUpload {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  dataKeyEnc: string;
}

const factsOf = (row: repo.AttachmentRow): AttachmentFacts => ({
  part: row.part,
  audience: row.audience,
  createdAt: row.created_at,
});

/** Refuses an attachment change the actor may not make: wrong state for its part, or no part at all. */
function refusal(standing: RecordStanding, state: RecordState): AppError {
  const attaches = standing.relations.some((r) => r === 'interviewer' || r === 'employee');
  return attaches ? new AppError('INVALID_TRANSITION', { state }) : forbidden();
}

/**
 * Whether the actor may attach a file for `audience` to this record now, and where it goes;
 * also whether the record has room for one more. Out of scope: NOT_FOUND.
 */
export async function admitUpload(
  call: Call,
  recordId: string,
  audience: AttachmentAudience,
): Promise<Admitted> {
  const { row, standing } = await requireRecord(call, recordId);
  const target = attachmentTarget(standing, row.state);
  if (!target) throw refusal(standing, row.state);
  if (!target.audiences.includes(audience)) throw forbidden();
  const limit = call.ctx.config.attachmentsPerRecord;
  if ((await repo.countAttachments(call.db, recordId)) >= limit)
    throw new AppError('ATTACHMENT_LIMIT', { limit });
  return { recordId, part: target.part, audience };
}

/**
 * Seals an upload into the store as it arrives: its type checked from the first bytes, its
 * size counted against the limit, its sha256 computed, its bytes encrypted chunk by chunk, and
 * nothing buffered whole. A refused or broken upload leaves nothing in the store.
 */
export async function storeUpload(
  ctx: AppContext,
  upload: { fileName: string; extension: AttachmentExtension; file: Readable },
): Promise<StoredUpload> {
  const id = newId();
  // the last characters of a v7 id are random, so files spread evenly over 256 directories
  const storageKey = `${id.slice(-2)}/${id}`;
  const hash = createHash('sha256');
  const maxBytes = ctx.config.attachmentMaxBytes;
  let sizeBytes = 0;
  const { seal, dataKeyEnc } = sealAttachment(ctx.keyring, id);
  // the store reads the sealed stream as it is made; a failure anywhere ends both, and the
  // answer waits until the store has removed what it had begun to write
  const results = await Promise.allSettled([
    pipeline(
      upload.file,
      checkContentType(upload.extension),
      async function* measure(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          sizeBytes += chunk.length;
          if (sizeBytes > maxBytes) throw new AppError('ATTACHMENT_TOO_LARGE', { maxBytes });
          hash.update(chunk);
          yield chunk;
        }
      },
      seal,
    ),
    ctx.attachments.put(storageKey, seal),
  ]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    await ctx.attachments.delete(storageKey);
    throw uploadFailure(failed.reason);
  }
  return {
    id,
    fileName: upload.fileName,
    mediaType: ATTACHMENT_TYPES[upload.extension],
    sizeBytes,
    sha256: hash.digest('hex'),
    storageKey,
    dataKeyEnc,
  };
}

/**
 * An upload that breaks off or arrives malformed is the client's (UPLOAD_INVALID); the
 * server's own failures (a full disk) stay what they are.
 */
function uploadFailure(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const { code, message } = err as NodeJS.ErrnoException;
  const fromClient =
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    code?.startsWith('FST_') ||
    /terminated early|Unexpected end of form/i.test(message);
  return fromClient ? new AppError('UPLOAD_INVALID') : err;
}

/** Removes a stored file whose row was never written (or is gone). */
export async function discardStored(ctx: AppContext, storageKey: string): Promise<void> {
  await ctx.attachments.delete(storageKey);
}

const auditFacts = (row: {
  id: string;
  part: AttachmentPart;
  audience: AttachmentAudience;
  media_type: string;
  size_bytes: number | string;
  sha256: string;
}) => ({
  attachmentId: row.id,
  part: row.part,
  audience: row.audience,
  mediaType: row.media_type,
  sizeBytes: Number(row.size_bytes),
  sha256: row.sha256,
});

/**
 * Writes the stored upload's row and its audit entry, after checking again (under a lock on
 * the record's attachments) that it may still be attached: the record may have moved on, or
 * filled up, while the file was arriving.
 */
export async function addAttachment(
  call: Call,
  admitted: Admitted,
  stored: StoredUpload,
): Promise<AttachmentView> {
  const { ctx, db, actor, meta } = call;
  await lockAcrossNodes(db, ctx.db.dialect, `attachments:${admitted.recordId}`);
  const again = await admitUpload(call, admitted.recordId, admitted.audience);
  const row = {
    id: stored.id,
    record_id: again.recordId,
    part: again.part,
    audience: again.audience,
    file_name_enc: encrypt(ctx.keyring, fileNameContext(stored.id), stored.fileName),
    media_type: stored.mediaType,
    size_bytes: stored.sizeBytes,
    sha256: stored.sha256,
    storage_key: stored.storageKey,
    data_key_enc: stored.dataKeyEnc,
    uploaded_by: actor.userId,
    created_at: nowIso(),
  };
  await repo.insertAttachment(db, row);
  await appendAudit(
    db,
    meta,
    { action: 'record.attachment_added', payload: auditFacts(row) },
    { type: 'record', id: again.recordId },
  );
  const loaded = await requireRecord(call, again.recordId);
  return present(call, loaded, (await repo.findAttachment(db, again.recordId, row.id))!);
}

function present(call: Call, loaded: LoadedRecord, row: repo.AttachmentRow): AttachmentView {
  const { standing, row: record } = loaded;
  return {
    id: row.id,
    fileName: openStored(call.ctx.keyring, fileNameContext(row.id), row.file_name_enc, {
      part: 'attachment',
      recordId: record.id,
      revision: null,
    }),
    mediaType: row.media_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    part: row.part,
    audience: row.audience,
    uploadedBy: { id: row.uploaded_by, name: row.uploader_name },
    createdAt: row.created_at,
    previewable: PREVIEWABLE_TYPES.includes(row.media_type),
    abilities: { delete: deletesAttachment(standing, record.state, factsOf(row)) },
  };
}

/** The attachments the actor may read, with the limits the server enforces. */
export async function listAttachments(call: Call, recordId: string): Promise<AttachmentList> {
  const loaded = await requireRecord(call, recordId);
  const { row: record, standing } = loaded;
  const rows = await repo.listAttachments(call.db, recordId);
  const { attachmentMaxBytes, attachmentsPerRecord } = call.ctx.config;
  return {
    items: rows
      .filter((row) => readsAttachment(standing, record.state, record.submitted_at, factsOf(row)))
      .map((row) => present(call, loaded, row)),
    limits: {
      maxBytes: attachmentMaxBytes,
      perRecord: attachmentsPerRecord,
      extensions: Object.keys(ATTACHMENT_TYPES),
    },
  };
}

/** One attachment the actor may read, or NOT_FOUND as for one that does not exist. */
async function requireAttachment(call: Call, recordId: string, attachmentId: string) {
  const loaded = await requireRecord(call, recordId);
  const row = await repo.findAttachment(call.db, recordId, attachmentId);
  const { row: record, standing } = loaded;
  if (!row || !readsAttachment(standing, record.state, record.submitted_at, factsOf(row)))
    throw notFoundOrDenied();
  return { loaded, row };
}

const tamperedFile = (row: repo.AttachmentRow): TamperedValue => ({
  table: 'record_attachments',
  rowId: row.id,
  part: 'attachment',
  recordId: row.record_id,
  revision: null,
});

/**
 * Reads the whole stored file through its decryption and checks it is the file the row
 * describes (every chunk's tag, then its size and sha256), releasing nothing; a file that fails
 * answers ATTACHMENT_INTEGRITY_FAILED, before a single byte of the download is sent.
 */
async function verifyStored(ctx: AppContext, row: repo.AttachmentRow): Promise<void> {
  const hash = createHash('sha256');
  let size = 0;
  try {
    await pipeline(
      await ctx.attachments.get(row.storage_key),
      openAttachment(ctx.keyring, row.id, row.data_key_enc),
      async (plain: AsyncIterable<Buffer>) => {
        for await (const chunk of plain) {
          size += chunk.length;
          hash.update(chunk);
        }
      },
    );
  } catch {
    // a chunk that does not authenticate, a cut-off file, a file gone from the store
    throw new AppError('ATTACHMENT_INTEGRITY_FAILED', tamperedFile(row));
  }
  if (size !== Number(row.size_bytes) || hash.digest('hex') !== row.sha256)
    throw new AppError('ATTACHMENT_INTEGRITY_FAILED', tamperedFile(row));
}

export interface Download {
  view: AttachmentView;
  disposition: 'inline' | 'attachment';
  body: Readable;
}

/**
 * An attachment's bytes for the actor, checked whole first and then decrypted as they are
 * sent; images and PDFs inline (previewed), the rest as a download. Every download is audited.
 * Should the file change between the check and the sending, the sending stops at the chunk that
 * fails (nothing of it is sent) and the failure is alerted like any other.
 */
export async function openDownload(
  call: Call,
  recordId: string,
  attachmentId: string,
): Promise<Download> {
  const { ctx, meta } = call;
  const { loaded, row } = await requireAttachment(call, recordId, attachmentId);
  const view = present(call, loaded, row);
  await verifyStored(ctx, row);
  const disposition = view.previewable ? 'inline' : 'attachment';
  await ctx.readLog.record(
    meta,
    {
      action: 'record.attachment_downloaded',
      payload: { ...auditFacts(row), disposition },
    },
    { type: 'record', id: recordId },
  );
  const opened = openAttachment(ctx.keyring, row.id, row.data_key_enc);
  const stored = await ctx.attachments.get(row.storage_key);
  pipeline(stored, opened).catch((err: unknown) => {
    // a reader that hangs up is not a failure of the file
    if (err instanceof DecryptError)
      void alertIntegrityFailure(ctx, meta, tamperedFile(row)).catch(() => undefined);
  });
  return { view, disposition, body: opened };
}

/**
 * Deletes an attachment from the part the actor may attach to now (the interviewer's draft,
 * the employee's open feedback), with its audit entry. The stored file is removed once this
 * transaction is committed: its key is returned for that.
 */
export async function deleteAttachment(
  call: Call,
  recordId: string,
  attachmentId: string,
): Promise<{ storageKey: string }> {
  const { db, meta } = call;
  const { loaded, row } = await requireAttachment(call, recordId, attachmentId);
  const { standing, row: record } = loaded;
  if (!deletesAttachment(standing, record.state, factsOf(row)))
    throw refusal(standing, record.state);
  await repo.deleteAttachment(db, row.id);
  await appendAudit(
    db,
    meta,
    { action: 'record.attachment_deleted', payload: auditFacts(row) },
    { type: 'record', id: recordId },
  );
  return { storageKey: row.storage_key };
}
