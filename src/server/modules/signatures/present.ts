import type { SignatureView } from '../../../core/signatures/api.js';
import { decrypt, DecryptError } from '../../lib/crypto/envelope.js';
import { AppError } from '../../../core/errors.js';
import type { Call } from '../../lib/http/use-case.js';
import type { LoadedRecord } from '../records/access.js';
import type { RecordRow } from '../records/repo.js';
import * as repo from './repo.js';

type Reader = Pick<Call, 'ctx' | 'db'>;

/** A signature's encrypted part (reason, handwriting); one that fails authentication is named. */
export function openSignaturePart(
  { ctx }: Reader,
  signature: { id: string; record_id: string },
  field: 'reason' | 'handwriting',
  envelope: string,
): Buffer {
  try {
    return decrypt(ctx.keyring, { table: 'record_signatures', id: signature.id, field }, envelope);
  } catch (err) {
    if (!(err instanceof DecryptError)) throw err;
    throw new AppError('INTEGRITY_FAILED', {
      table: 'record_signatures',
      rowId: signature.id,
      part: 'signature',
      recordId: signature.record_id,
      revision: null,
    });
  }
}

/**
 * A record's signatures as its reader sees them: who, in which role, what choice, when, the
 * evidence (IP, device, authentication method, hashes) and the handwriting. The reason of a
 * dissent or refusal goes to the employee and to readers of the whole record, not to the
 * collaborators who read only what the employee reads.
 */
export async function presentSignatures(
  call: Reader,
  { row, standing }: LoadedRecord,
): Promise<SignatureView[]> {
  const readsReason = standing.audience === 'full' || standing.relations.includes('employee');
  return (await repo.listSignatures(call.db, row.id)).map((s) => ({
    id: s.id,
    role: s.role,
    signer: { id: s.signer_employee_id ?? s.signer_user_id, name: s.signer_name ?? s.display_name },
    choice: s.choice,
    reason:
      readsReason && s.reason_enc
        ? openSignaturePart(call, s, 'reason', s.reason_enc).toString('utf8')
        : null,
    revision: s.revision,
    signedAt: s.signed_at,
    ip: s.ip,
    device: s.user_agent,
    authMethod: s.auth_method,
    recordSha256: s.record_sha256,
    handwritingSha256: s.handwriting_sha256,
    handwriting: `data:image/png;base64,${openSignaturePart(call, s, 'handwriting', s.handwriting_enc).toString('base64')}`,
    voidedAt: s.voided_at,
  }));
}

/** When HR may archive a refused record: the refusal's time plus the configured days. */
export async function refusalArchivableAt(call: Reader, row: RecordRow): Promise<string | null> {
  if (row.state !== 'refused') return null;
  const refusal = await repo.refusalOf(call.db, row.id);
  if (!refusal) return null;
  const days = call.ctx.config.refusalArchiveDays;
  return new Date(Date.parse(refusal.signed_at) + days * 86_400_000).toISOString();
}
