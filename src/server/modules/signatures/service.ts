import { createHash, sign, type KeyObject } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { inEmployeeScope, scopeOfRoles, type Actor } from '../../../core/access/scope.js';
import { AppError } from '../../../core/errors.js';
import type { RecordView } from '../../../core/records/api.js';
import { canonicalJson, type CanonicalView } from '../../../core/records/canonical.js';
import { nextState, type RecordAction } from '../../../core/records/lifecycle.js';
import {
  CHOICES_OF,
  NEEDS_REASON,
  type SignerRole,
  type SigningAuthMethod,
  type SignInput,
} from '../../../core/signatures/api.js';
import type { AppContext } from '../../context.js';
import type { UserSigningKeyTable } from '../../db/schema.js';
import { appendAudit } from '../../lib/audit/append.js';
import type { RequestMeta } from '../../lib/audit/events.js';
import { encrypt } from '../../lib/crypto/envelope.js';
import type { Call } from '../../lib/http/use-case.js';
import { newId, nowIso } from '../../lib/ids.js';
import { loadActor } from '../auth/actor.js';
import { findEmployeeRef } from '../directory/repo.js';
import { usersOfEmployees } from '../notifications/repo.js';
import { notifyUsers } from '../notifications/service.js';
import { requireRecord } from '../records/access.js';
import { canonicalRecord, recordSha256 } from '../records/canonical.js';
import { presentRecord, recordVersion } from '../records/read.js';
import * as records from '../records/repo.js';
import { stale, takeAction } from '../records/service.js';
import { readHandwriting } from './handwriting.js';
import { TimestampError } from '../../lib/timestamp/errors.js';
import { sealRecord } from './seal.js';
import { refusalArchivableAt } from './present.js';
import { activeSigningKey, insertSigningKey, newSigningKey, unwrapPrivateKey } from './keys.js';
import { clearFailures, reauthenticate } from './reauth.js';
import { activeAccountsWithRole } from '../users/repo.js';
import * as repo from './repo.js';

/** The version of the signed payload's shape; verification reads the fields of this version. */
export const SIGNED_PAYLOAD_VERSION = 1;

/** What a signature binds, as signed: its canonical JSON is the `payload` column. */
export interface SignedPayload {
  v: typeof SIGNED_PAYLOAD_VERSION;
  signatureId: string;
  recordId: string;
  revision: number;
  role: SignerRole;
  signerUserId: string;
  signingKeyId: string;
  choice: SignInput['choice'];
  /** the reason is encrypted beside it; the signature binds its hash */
  reasonSha256: string | null;
  handwritingSha256: string;
  view: CanonicalView;
  recordSha256: string;
  signedAt: string;
  ip: string | null;
  device: string | null;
  authMethod: SigningAuthMethod;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The canonical view each party signs: the employee what it reads, the interviewer everything. */
export const VIEW_OF: Record<SignerRole, CanonicalView> = {
  employee: 'employee',
  interviewer: 'full',
};

const ACTION_OF: Record<SignerRole, (choice: SignInput['choice']) => RecordAction> = {
  employee: (choice) => (choice === 'refuse' ? 'refuse' : 'employeeSign'),
  interviewer: () => 'interviewerSign',
};

const AUDIT_OF = {
  employeeSign: 'record.signed',
  refuse: 'record.refused',
  interviewerSign: 'record.countersigned',
} as const;

/**
 * Everything about a signing request that can be refused without the password: the record in
 * scope (404 otherwise), the signer a party to it, If-Match, the state, the choice, the reason
 * and the handwriting. Checked before the password, so that a request that cannot succeed costs
 * no attempt; checked again by the guarded update, which decides.
 */
async function planSignature(
  call: Call,
  id: string,
  expectedRevision: number | null,
  input: SignInput,
): Promise<{ role: SignerRole; action: RecordAction; handwriting: Buffer }> {
  const { row, standing } = await requireRecord(call, id);
  const role: SignerRole | null = standing.relations.includes('employee')
    ? 'employee'
    : standing.relations.includes('interviewer')
      ? 'interviewer'
      : null;
  if (!role) throw new AppError('NOT_SIGNING_PARTY');
  if (expectedRevision === null) throw new AppError('PRECONDITION_REQUIRED');
  if (expectedRevision !== row.revision) throw await stale(call, id);
  if (!CHOICES_OF[role].includes(input.choice)) throw new AppError('SIGNING_CHOICE');
  const action = ACTION_OF[role](input.choice);
  if (nextState(row.state, action, role) === 'WRONG_STATE') {
    const mine = (await repo.listSignatures(call.db, id)).some(
      (s) => s.voided_at === null && s.signer_user_id === call.actor.userId,
    );
    throw mine
      ? new AppError('ALREADY_SIGNED')
      : new AppError('INVALID_TRANSITION', { state: row.state, action });
  }
  if (NEEDS_REASON.includes(input.choice) && !input.reason)
    throw new AppError('SIGNING_REASON_REQUIRED');
  return { role, action, handwriting: readHandwriting(input.handwriting) };
}

/**
 * The signer's private key: its pair opened with the password just checked, or at its first
 * signature a new pair (created here because the password is at hand only now).
 */
async function signingKeyOf(
  ctx: AppContext,
  userId: string,
  password: string,
): Promise<{ row: UserSigningKeyTable; privateKey: KeyObject; created: boolean }> {
  const row = await activeSigningKey(ctx.db.kysely, userId);
  if (row) {
    const privateKey = await unwrapPrivateKey(row, password);
    // the password matched its hash but does not open the key: the row is not what was stored
    if (!privateKey)
      throw new AppError('INTEGRITY_FAILED', {
        table: 'user_signing_keys',
        rowId: row.id,
        part: 'signature',
        recordId: null,
        revision: null,
      });
    return { row, privateKey, created: false };
  }
  return { ...(await newSigningKey(userId, password, nowIso())), created: true };
}

/**
 * Signs a record: `POST /api/records/:id/sign`. The employee agrees, agrees with a dissent, or
 * refuses; the interviewer countersigns, after which the record is archived. The password is
 * checked (and the key opened) outside the transaction; the signature, the state change, the
 * version and the audit entries are one transaction.
 */
export async function signRecord(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  log: Pick<FastifyBaseLogger, 'error'>,
  id: string,
  expectedRevision: number | null,
  input: SignInput,
): Promise<RecordView> {
  const reader: Call = { ctx, db: ctx.db.kysely, actor, meta };
  const plan = await planSignature(reader, id, expectedRevision, input);
  await reauthenticate(ctx, meta, actor.userId, input.password);
  const key = await signingKeyOf(ctx, actor.userId, input.password);
  await ctx.db.kysely.transaction().execute((db) => {
    const call: Call = { ctx, db, actor, meta };
    return takeAction(call, id, expectedRevision, plan.action, async (row) => {
      if (key.created) await insertSigningKey(db, key.row);
      const view = VIEW_OF[plan.role];
      const record = await canonicalRecord(call, row, view);
      const reason = NEEDS_REASON.includes(input.choice) ? input.reason! : null;
      const signatureId = newId();
      const payload: SignedPayload = {
        v: SIGNED_PAYLOAD_VERSION,
        signatureId,
        recordId: id,
        revision: row.revision,
        role: plan.role,
        signerUserId: actor.userId,
        signingKeyId: key.row.id,
        choice: input.choice,
        reasonSha256: reason === null ? null : sha256(reason),
        handwritingSha256: sha256(plan.handwriting),
        view,
        recordSha256: recordSha256(record),
        signedAt: nowIso(),
        ip: meta.ip,
        device: meta.userAgent?.slice(0, 512) ?? null,
        authMethod: 'password',
      };
      const signed = canonicalJson(payload);
      const at = (field: string) => ({ table: 'record_signatures', id: signatureId, field });
      await repo.insertSignature(db, {
        id: signatureId,
        record_id: id,
        revision: row.revision,
        role: plan.role,
        signer_user_id: actor.userId,
        signing_key_id: key.row.id,
        choice: input.choice,
        reason_enc: reason === null ? null : encrypt(ctx.keyring, at('reason'), reason),
        handwriting_enc: encrypt(ctx.keyring, at('handwriting'), plan.handwriting),
        handwriting_sha256: payload.handwritingSha256,
        record_sha256: payload.recordSha256,
        signed_at: payload.signedAt,
        ip: payload.ip,
        user_agent: payload.device,
        auth_method: payload.authMethod,
        payload: signed,
        signature: sign(null, Buffer.from(signed, 'utf8'), key.privateKey).toString('base64'),
        voided_at: null,
        void_reason: null,
      });
      await clearFailures(db, actor.userId);
      await appendAudit(
        db,
        meta,
        {
          action: AUDIT_OF[plan.action as keyof typeof AUDIT_OF],
          payload: {
            signatureId,
            role: plan.role,
            choice: input.choice,
            revision: row.revision,
            recordSha256: payload.recordSha256,
            handwritingSha256: payload.handwritingSha256,
            signingKeyId: key.row.id,
            authMethod: payload.authMethod,
          },
        },
        { type: 'record', id },
      );
      if (plan.action === 'refuse') await tellHrOfRefusal(call, row);
      return { fields: {} };
    });
  });
  // the countersignature is committed whatever happens next: archiving is a step of its own,
  // and one that fails leaves the record `signed` for the housekeeping sweep to finish
  if (plan.action === 'interviewerSign')
    await archiveSigned(ctx, id, meta).catch((err: unknown) =>
      log.error(
        { err, recordId: id },
        'archiving a countersigned record failed; the sweep retries',
      ),
    );
  return presentRecord(reader, await requireRecord(reader, id));
}

const HR_ROLE = new Set(['hr'] as const);

/**
 * Tells HR in scope of the record's employee of a refusal: archiving it after the deadline is
 * theirs. HR grants are scoped to the organisation, a region or a department, never a team, so
 * the accounts' own employee links play no part.
 */
async function tellHrOfRefusal(call: Pick<Call, 'db' | 'meta'>, row: records.RecordRow) {
  const employee = await findEmployeeRef(call.db, row.employee_id);
  if (!employee) return;
  const inScope: string[] = [];
  for (const userId of await activeAccountsWithRole(call.db, 'hr')) {
    const actor = await loadActor(call.db, userId, null);
    if (inEmployeeScope(scopeOfRoles(actor, HR_ROLE), employee)) inScope.push(userId);
  }
  await notifyUsers(
    call.db,
    inScope,
    'record_refused',
    { recordId: row.id, subject: row.topic },
    call.meta.actorUserId,
  );
}

/** Tells both parties of a record, the one who acted included. */
async function tellBothParties(
  call: Pick<Call, 'db' | 'meta'>,
  row: records.RecordRow,
  kind: 'record_signature_voided' | 'record_archived',
) {
  const users = await usersOfEmployees(call.db, [row.employee_id, row.interviewer_id]);
  await notifyUsers(
    call.db,
    users.map((u) => u.id),
    kind,
    { recordId: row.id, subject: row.topic },
    call.meta.actorUserId,
  );
}

/**
 * The last step of signing: a record both parties signed is sealed and archived, after the
 * countersignature's transaction. The seal (and its timestamp, which may need the network) is
 * made outside any transaction; one transaction then stores it and archives the record. The
 * version and audit entries name the countersigner, whose signature the step completes, also
 * when the sweep finishes it later.
 */
export async function archiveSigned(ctx: AppContext, id: string, meta: RequestMeta) {
  const before = await records.findRecord(ctx.db.kysely, id);
  if (!before || before.state !== 'signed') return;
  const live = (await repo.listSignatures(ctx.db.kysely, id)).filter((s) => s.voided_at === null);
  const countersigner = live.find((s) => s.role === 'interviewer');
  if (!countersigner) return;
  const full = recordSha256(await canonicalRecord({ ctx, db: ctx.db.kysely }, before, 'full'));
  const seal = await sealRecord(ctx, id, full, live);
  await ctx.db.kysely.transaction().execute(async (db) => {
    const row = await records.findRecord(db, id);
    if (!row || row.state !== 'signed' || row.revision !== before.revision) return;
    const call = { ctx, db, meta: { ...meta, actorUserId: countersigner.signer_user_id } };
    await storeSeal(call, seal, full);
    const won = await records.guardedUpdate(
      db,
      id,
      { state: 'signed', revision: row.revision },
      { state: 'archived', updated_at: nowIso() },
    );
    // another round archived it first: its seal stands, this one is rolled back
    if (!won) throw new AppError('CONFLICT');
    await recordVersion(call, id, 'archive');
    await appendAudit(
      db,
      call.meta,
      {
        action: 'record.archived',
        payload: { from: 'signed', recordSha256: countersigner.record_sha256 },
      },
      { type: 'record', id },
    );
    await tellBothParties(call, row, 'record_archived');
  });
}

/** Housekeeping: records left `signed` (a crash between the two steps) are archived. */
export async function sweepSigned(ctx: AppContext): Promise<number> {
  const left = await repo.recordsLeftSigned(ctx.db.kysely, 100);
  for (const { id } of left)
    await archiveSigned(ctx, id, { actorUserId: null, ip: null, userAgent: 'miantan-sweep' });
  return left.length;
}

/** Stores a record's seal with its audit entry, before the record is archived: an archived record takes no new rows. */
async function storeSeal(
  call: Pick<Call, 'db' | 'meta'>,
  seal: Awaited<ReturnType<typeof sealRecord>>,
  recordSha256: string,
) {
  await repo.insertSeal(call.db, seal);
  await appendAudit(
    call.db,
    call.meta,
    {
      action: 'record.sealed',
      payload: { keyId: seal.key_id, recordSha256, timestamped: seal.timestamp_token !== null },
    },
    { type: 'record', id: seal.record_id },
  );
}

/**
 * HR in scope archives a refused record once the deadline after the refusal has passed, with the
 * refusal and its reason kept on record, sealed as a record both signed is: the platform key
 * (and a timestamp) over the record's hash and the refusal. The seal needs no transaction and
 * may need the network, so it is made first, once the request is one that can succeed; the
 * transaction repeats every check and archives only the revision that was sealed.
 */
export async function archiveRefused(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  expectedRevision: number | null,
): Promise<RecordView> {
  const reader: Call = { ctx, db: ctx.db.kysely, actor, meta };
  const { row: before, standing } = await requireRecord(reader, id);
  const refusal = (await repo.listSignatures(reader.db, id)).filter(
    (s) => s.choice === 'refuse' && s.voided_at === null,
  );
  const due = await refusalArchivableAt(reader, before);
  const canSucceed =
    expectedRevision === before.revision &&
    refusal.length === 1 &&
    (due === null || Date.now() >= Date.parse(due)) &&
    standing.relations.some((r) => nextState(before.state, 'archive', r) === 'archived');
  const full = recordSha256(await canonicalRecord(reader, before, 'full'));
  const seal = canSucceed
    ? await sealRecord(ctx, id, full, refusal).catch((err: unknown) => {
        if (err instanceof TimestampError)
          throw new AppError('TIMESTAMP_UNAVAILABLE', { reason: err.code });
        throw err;
      })
    : null;
  return ctx.db.kysely.transaction().execute((db) => {
    const call: Call = { ctx, db, actor, meta };
    return takeAction(call, id, expectedRevision, 'archive', async (row) => {
      const dueNow = await refusalArchivableAt(call, row);
      if (dueNow && Date.now() < Date.parse(dueNow))
        throw new AppError('ARCHIVE_TOO_EARLY', { archivableAt: dueNow });
      // the record moved between the seal and this transaction: the seal binds another revision
      if (!seal || row.revision !== before.revision) throw new AppError('CONFLICT');
      await storeSeal(call, seal, full);
      await appendAudit(
        db,
        meta,
        {
          action: 'record.archived',
          payload: { from: 'refused', recordSha256: refusal[0]!.record_sha256 },
        },
        { type: 'record', id },
      );
      await tellBothParties(call, row, 'record_archived');
      return { fields: {} };
    });
  });
}

/**
 * The interviewer takes a record the employee signed back to a draft to change it: the
 * signatures in force are voided (kept, marked, with the revision they no longer match), the
 * version before the edit stays in the history, and both parties are told.
 */
export function reopenRecord(call: Call, id: string, expectedRevision: number | null) {
  return takeAction(call, id, expectedRevision, 'reopen', async (row) => {
    const voided = await repo.voidSignatures(call.db, id, 'reopened', nowIso());
    await appendAudit(
      call.db,
      call.meta,
      {
        action: 'record.signature_voided',
        payload: { signatureIds: voided, revision: row.revision },
      },
      { type: 'record', id },
    );
    await tellBothParties(call, row, 'record_signature_voided');
    return { fields: {} };
  });
}
