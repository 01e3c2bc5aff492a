import { createHash, verify } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import type { SignatureCheck, SignatureReport } from '../../../core/signatures/api.js';
import { tamperedOf } from '../../lib/crypto/integrity.js';
import type { Call } from '../../lib/http/use-case.js';
import { canonicalRecord, recordSha256 } from '../records/canonical.js';
import * as records from '../records/repo.js';
import { publicKeyOf, signingKeysById } from './keys.js';
import { openSignaturePart } from './present.js';
import { checkSeal } from './seal.js';
import * as repo from './repo.js';
import type { SignedPayload } from './service.js';

type Reader = Pick<Call, 'ctx' | 'db'>;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The stored columns a signature's payload must repeat, field by field. */
function columnsOf(s: repo.SignatureRow) {
  return {
    signatureId: s.id,
    recordId: s.record_id,
    revision: s.revision,
    role: s.role,
    signerUserId: s.signer_user_id,
    signingKeyId: s.signing_key_id,
    choice: s.choice,
    handwritingSha256: s.handwriting_sha256,
    recordSha256: s.record_sha256,
    signedAt: s.signed_at,
    ip: s.ip,
    device: s.user_agent,
    authMethod: s.auth_method,
  };
}

/**
 * Checks a record's signatures against what is stored now: for each signature in force, the
 * canonical record in the signer's view hashes to what was signed; every signature (voided ones
 * too, they stay evidence) verifies against its signer's public key over its payload, and the
 * payload agrees with the stored columns, the handwriting and the reason; the platform seal
 * verifies, binds the record and the signatures in force, and its timestamp token checks
 * offline. Access is the caller's: the command line and the verification page check it each
 * their own way.
 */
export async function verifySignatures(call: Reader, recordId: string): Promise<SignatureReport> {
  const row = await records.findRecord(call.db, recordId);
  if (!row) throw new AppError('NOT_FOUND');
  const signatures = await repo.listSignatures(call.db, recordId);
  const keys = new Map(
    (await signingKeysById(call.db, [...new Set(signatures.map((s) => s.signing_key_id))])).map(
      (k) => [k.id, k],
    ),
  );
  const checks: SignatureCheck[] = [];
  const check = (kind: SignatureCheck['kind'], signatureId: string, ok: boolean, detail: string) =>
    checks.push({ kind, signatureId, ok, detail });
  const hashes = new Map<string, string>();
  const hashOf = async (view: 'employee' | 'full') => {
    if (!hashes.has(view)) hashes.set(view, recordSha256(await canonicalRecord(call, row, view)));
    return hashes.get(view)!;
  };

  for (const s of signatures) {
    let payload: SignedPayload | null = null;
    try {
      payload = JSON.parse(s.payload) as SignedPayload;
    } catch {
      // an unreadable payload fails the signature check below
    }
    const key = keys.get(s.signing_key_id);
    let signatureOk = false;
    let signatureDetail = 'the signature verifies against the signer’s public key';
    if (!key || key.user_id !== s.signer_user_id)
      signatureDetail = 'the signing key is not the signer’s';
    else {
      try {
        signatureOk = verify(
          null,
          Buffer.from(s.payload, 'utf8'),
          publicKeyOf(key),
          Buffer.from(s.signature, 'base64'),
        );
      } catch {
        signatureOk = false;
      }
      if (!signatureOk) signatureDetail = 'the signature does not verify over its payload';
    }
    const mismatch =
      payload === null
        ? ['payload']
        : Object.entries(columnsOf(s))
            .filter(([field, value]) => payload[field as keyof SignedPayload] !== value)
            .map(([field]) => field);
    if (signatureOk && payload?.v !== 1) mismatch.push('v');
    if (signatureOk && mismatch.length > 0)
      signatureDetail = `the stored ${mismatch.join(', ')} differ from what was signed`;
    check('signature', s.id, signatureOk && mismatch.length === 0, signatureDetail);

    // the handwriting and the reason as stored now, against the hashes that were signed
    try {
      const png = openSignaturePart(call, s, 'handwriting', s.handwriting_enc);
      const reason = s.reason_enc
        ? openSignaturePart(call, s, 'reason', s.reason_enc).toString('utf8')
        : null;
      const ok =
        sha256(png) === payload?.handwritingSha256 &&
        (reason === null ? null : sha256(reason)) === payload.reasonSha256;
      check(
        'handwriting',
        s.id,
        ok,
        ok
          ? 'the handwriting and the reason are those signed'
          : 'the handwriting or the reason differs from what was signed',
      );
    } catch (err) {
      if (!tamperedOf(err)) throw err;
      check('handwriting', s.id, false, 'the handwriting or the reason fails decryption');
    }

    if (s.voided_at !== null) continue;
    const view = s.role === 'employee' ? 'employee' : 'full';
    try {
      const now = await hashOf(view);
      const ok = now === s.record_sha256 && now === payload?.recordSha256;
      check(
        'record_hash',
        s.id,
        ok,
        ok
          ? `the record (${view} view) hashes to ${now}, as signed`
          : `the record (${view} view) hashes to ${now}, not to the ${payload?.recordSha256 ?? '(unreadable)'} signed`,
      );
    } catch (err) {
      if (!tamperedOf(err)) throw err;
      check('record_hash', s.id, false, 'the record’s stored content fails decryption');
    }
  }
  const live = signatures.filter((s) => s.voided_at === null);
  const seal = await repo.findSeal(call.db, recordId);
  if (seal) {
    try {
      checks.push(
        ...(await checkSeal(call.ctx, seal, {
          recordSha256: await hashOf('full'),
          signatures: live,
        })),
      );
    } catch (err) {
      if (!tamperedOf(err)) throw err;
      checks.push({
        kind: 'seal',
        signatureId: null,
        ok: false,
        detail: 'the record’s stored content fails decryption',
      });
    }
  } else if (row.state === 'archived' && live.length > 0)
    // both ways to the archive (countersigned, refused) seal the record
    checks.push({
      kind: 'seal',
      signatureId: null,
      ok: false,
      detail: 'the record was archived with signatures but carries no seal',
    });
  return { recordId, ok: checks.every((c) => c.ok), checks };
}

/** The report as the command line prints it. */
export function signatureReportText(report: SignatureReport): string {
  const lines = [`record ${report.recordId}: ${report.ok ? 'verified' : 'FAILED'}`];
  if (report.checks.length === 0) lines.push('  no signatures');
  for (const c of report.checks)
    lines.push(
      `  ${c.ok ? 'ok    ' : 'FAILED'} ${c.kind.padEnd(11)} ${c.signatureId ?? ''} ${c.detail}`,
    );
  return lines.join('\n');
}
