import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../core/records/canonical.js';
import type { SignatureCheck } from '../../../core/signatures/api.js';
import type { AppContext } from '../../context.js';
import type { RecordSealTable } from '../../db/schema.js';
import { nowIso } from '../../lib/ids.js';
import { sealAndTimestamp, verifyTimestampedSeal } from '../../lib/seal/platform.js';
import { TimestampError } from '../../lib/timestamp/errors.js';

/** What the platform seal signs: the record by its full-view hash, and its signatures by theirs. */
export interface SealPayload {
  v: 1;
  kind: 'miantan.record-seal';
  recordId: string;
  recordSha256: string;
  /** the signatures in force, oldest first: each by id and the SHA-256 of its signed payload */
  signatures: { id: string; sha256: string }[];
  sealedAt: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The signatures as the seal binds them. */
export const sealedSignatures = (signatures: { id: string; payload: string }[]) =>
  signatures.map((s) => ({ id: s.id, sha256: sha256(s.payload) }));

/**
 * Seals a record both parties signed: builds the payload (record id, full-view hash, each
 * signature's id and hash, the time) and signs it with the platform key, kept outside the
 * database, with an RFC 3161 timestamp over the seal when authorities are configured. Network
 * only; the caller stores the row in the transaction that archives the record. A TimestampError
 * (every authority failed) leaves the record to the sweep.
 */
export async function sealRecord(
  ctx: AppContext,
  recordId: string,
  recordSha256: string,
  signatures: { id: string; payload: string }[],
): Promise<RecordSealTable> {
  const payload: SealPayload = {
    v: 1,
    kind: 'miantan.record-seal',
    recordId,
    recordSha256,
    signatures: sealedSignatures(signatures),
    sealedAt: nowIso(),
  };
  const text = canonicalJson(payload);
  const { seal, timestamp } = await sealAndTimestamp(ctx.seal, Buffer.from(text, 'utf8'));
  return {
    record_id: recordId,
    payload: text,
    key_id: seal.keyId,
    signature: seal.signature,
    timestamp_token: timestamp.stamped ? timestamp.token : null,
    timestamp_at: timestamp.stamped ? timestamp.genTime : null,
    tsa_name: timestamp.stamped ? timestamp.tsaName : null,
    sealed_at: payload.sealedAt,
  };
}

/**
 * The seal's checks: its signature against the platform's current and retired keys, what it
 * binds against the record and signatures as they are now, and its timestamp token offline.
 */
export async function checkSeal(
  ctx: AppContext,
  row: RecordSealTable,
  now: { recordSha256: string; signatures: { id: string; payload: string }[] },
): Promise<SignatureCheck[]> {
  const checks: SignatureCheck[] = [];
  const check = (kind: SignatureCheck['kind'], ok: boolean, detail: string) =>
    checks.push({ kind, signatureId: null, ok, detail });
  let payload: SealPayload | null = null;
  try {
    payload = JSON.parse(row.payload) as SealPayload;
  } catch {
    // an unreadable payload binds nothing: reported below
  }
  const seal = { keyId: row.key_id, signature: row.signature };
  let verified: Awaited<ReturnType<typeof verifyTimestampedSeal>> | null = null;
  let tokenProblem: string | null = null;
  try {
    verified = await verifyTimestampedSeal(
      ctx.seal.keys.publicKeys,
      ctx.seal.timestamps.trustAnchors,
      Buffer.from(row.payload, 'utf8'),
      seal,
      row.timestamp_token,
    );
  } catch (err) {
    if (!(err instanceof TimestampError)) throw err;
    tokenProblem = `${err.code}: ${err.message}`;
    verified = {
      seal: (
        await verifyTimestampedSeal(
          ctx.seal.keys.publicKeys,
          ctx.seal.timestamps.trustAnchors,
          Buffer.from(row.payload, 'utf8'),
          seal,
          null,
        )
      ).seal,
      timestamp: null,
    };
  }
  const binds =
    payload !== null &&
    payload.recordSha256 === now.recordSha256 &&
    canonicalJson(payload.signatures) === canonicalJson(sealedSignatures(now.signatures));
  if (!verified.seal.valid)
    check('seal', false, `the seal does not verify (${verified.seal.reason})`);
  else if (!binds)
    check(
      'seal',
      false,
      'the seal binds another record hash or other signatures than those stored',
    );
  else
    check(
      'seal',
      true,
      `the platform seal (key ${row.key_id}) binds the record and its signatures`,
    );
  if (row.timestamp_token !== null)
    check(
      'timestamp',
      tokenProblem === null,
      tokenProblem ??
        `timestamped ${verified.timestamp!.genTime} by ${verified.timestamp!.tsaName}`,
    );
  return checks;
}
