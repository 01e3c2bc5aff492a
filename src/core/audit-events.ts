import { z } from 'zod';
import { tamperedValueSchema } from './integrity.js';
import { BACKUP_CHECKS } from './backup.js';

/**
 * Every kind of audit entry and the shape of its payload. Payloads name what happened and to
 * whom, never interview content or personal data beyond identifiers.
 */
const count = z.number().int().nonnegative();
const roleGrant = z.object({
  role: z.string(),
  scopeKind: z.string(),
  regionId: z.string().nullable(),
  departmentId: z.string().nullable(),
});
const attachmentFacts = z.object({
  attachmentId: z.string(),
  part: z.enum(['interviewer', 'employee']),
  audience: z.enum(['all', 'managers']),
  mediaType: z.string(),
  sizeBytes: count,
  sha256: z.string(),
});

const signedPayload = z.object({
  signatureId: z.string(),
  role: z.enum(['employee', 'interviewer']),
  choice: z.enum(['agree', 'disagree', 'refuse']),
  revision: z.number().int(),
  recordSha256: z.string(),
  handwritingSha256: z.string(),
  signingKeyId: z.string(),
  authMethod: z.string(),
});

export const auditEventSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('auth.login'),
    payload: z.object({ method: z.literal('password') }),
  }),
  z.object({
    action: z.literal('auth.login_failed'),
    payload: z.object({
      username: z.string(),
      reason: z.enum(['bad_credentials', 'locked', 'disabled']),
    }),
  }),
  z.object({
    action: z.literal('auth.locked'),
    payload: z.object({ username: z.string(), until: z.string(), failures: count }),
  }),
  z.object({ action: z.literal('auth.logout'), payload: z.object({}) }),
  z.object({ action: z.literal('auth.password_changed'), payload: z.object({}) }),
  // the first sign-in with an activation code: the password was set and a session started
  z.object({ action: z.literal('auth.activated'), payload: z.object({}) }),
  // never the code that was tried
  z.object({
    action: z.literal('auth.activation_failed'),
    payload: z.object({
      username: z.string(),
      reason: z.enum(['bad_code', 'expired', 'voided']),
    }),
  }),
  z.object({
    action: z.literal('access.denied'),
    payload: z.object({ method: z.string(), route: z.string(), code: z.string() }),
  }),
  z.object({ action: z.literal('employee.viewed'), payload: z.object({}) }),
  z.object({
    action: z.literal('employee.performance_file_viewed'),
    /** how many archived records the file showed */
    payload: z.object({ records: z.number().int() }),
  }),
  z.object({
    action: z.literal('org.imported'),
    payload: z.object({
      fileSha256: z.string(),
      format: z.enum(['xlsx', 'csv']),
      departments: z.object({ created: count, updated: count }),
      employees: z.object({ created: count, updated: count }),
    }),
  }),
  z.object({
    action: z.literal('org.import_rejected'),
    payload: z.object({ fileSha256: z.string(), errors: count }),
  }),
  z.object({ action: z.literal('org.seeded'), payload: z.object({ employees: count }) }),
  z.object({
    action: z.literal('user.created'),
    payload: z.object({ username: z.string(), employeeId: z.string().nullable() }),
  }),
  z.object({ action: z.literal('user.disabled'), payload: z.object({ sessionsEnded: count }) }),
  z.object({ action: z.literal('user.enabled'), payload: z.object({}) }),
  z.object({ action: z.literal('user.unlocked'), payload: z.object({}) }),
  z.object({
    action: z.literal('user.roles_changed'),
    payload: z.object({ before: z.array(roleGrant), after: z.array(roleGrant) }),
  }),
  // one per hr or manager grant, so that the auditor sees every opening onto interview content
  z.object({ action: z.literal('user.content_role_granted'), payload: roleGrant }),
  // a new activation code (never the code): `reset` when the account had a password before
  z.object({
    action: z.literal('user.activation_issued'),
    payload: z.object({ expiresAt: z.string(), reset: z.boolean() }),
  }),
  z.object({
    action: z.literal('users.bulk_created'),
    payload: z.object({
      source: z.enum(['selection', 'department', 'everyone', 'import']),
      created: count,
      skipped: count,
    }),
  }),
  z.object({
    action: z.literal('audit.verified'),
    payload: z.object({ ok: z.boolean(), entries: count, firstBadSeq: z.number().nullable() }),
  }),
  // where the value sits and what it is (table, row, part), never what it says
  z.object({ action: z.literal('integrity.failed'), payload: tamperedValueSchema }),
  // a copy of the signed checkpoints taken off the server, to check the database against later
  z.object({
    action: z.literal('audit.checkpoints_exported'),
    payload: z.object({ checkpoints: count, lastSeq: z.number().nullable() }),
  }),
  z.object({
    action: z.literal('template.created'),
    payload: z.object({ code: z.string(), copiedFrom: z.string().nullable() }),
  }),
  z.object({
    action: z.literal('template.versioned'),
    payload: z.object({ version: z.number().int() }),
  }),
  z.object({ action: z.literal('template.retired'), payload: z.object({}) }),
  z.object({ action: z.literal('template.restored'), payload: z.object({}) }),
  z.object({
    action: z.literal('record.created'),
    payload: z.object({
      employeeId: z.string(),
      templateId: z.string(),
      templateVersion: z.number().int(),
      /** the archived record an addendum corrects */
      addendumOf: z.string().optional(),
    }),
  }),
  z.object({
    action: z.literal('record.viewed'),
    payload: z.object({
      audience: z.enum(['full', 'restricted']),
      part: z.literal('history').optional(),
    }),
  }),
  z.object({
    action: z.literal('record.changed'),
    payload: z.object({ action: z.string(), from: z.string(), to: z.string() }),
  }),
  z.object({
    action: z.literal('record.collaborator_added'),
    payload: z.object({ employeeId: z.string() }),
  }),
  z.object({
    action: z.literal('record.collaborator_removed'),
    payload: z.object({ employeeId: z.string() }),
  }),
  z.object({
    action: z.literal('record.commented'),
    payload: z.object({ commentId: z.string(), audience: z.enum(['internal', 'shared']) }),
  }),
  z.object({
    action: z.literal('record.handed_over'),
    payload: z.object({ from: z.string(), to: z.string() }),
  }),
  z.object({ action: z.literal('record.private_note_saved'), payload: z.object({}) }),
  // a PDF handed out: which copy (its code and hash) and what it showed (the view and its hash)
  z.object({
    action: z.literal('record.pdf_issued'),
    payload: z.object({
      pdfId: z.string(),
      code: z.string(),
      view: z.enum(['employee', 'full']),
      language: z.enum(['zh-CN', 'en-US']),
      recordSha256: z.string(),
      pdfSha256: z.string(),
    }),
  }),
  // a copy checked against what was issued, by its file or by its code
  z.object({
    action: z.literal('record.pdf_verified'),
    payload: z.object({
      pdfId: z.string(),
      code: z.string(),
      by: z.enum(['file', 'code']),
      valid: z.boolean(),
    }),
  }),
  // a file's facts, never its name: a name ("张三 警告信.pdf") is content
  z.object({ action: z.literal('record.attachment_added'), payload: attachmentFacts }),
  z.object({ action: z.literal('record.attachment_deleted'), payload: attachmentFacts }),
  z.object({
    action: z.literal('record.attachment_downloaded'),
    payload: attachmentFacts.extend({ disposition: z.enum(['inline', 'attachment']) }),
  }),
  // a signature by what it binds, never its reason or handwriting
  z.object({ action: z.literal('record.signed'), payload: signedPayload }),
  z.object({ action: z.literal('record.refused'), payload: signedPayload }),
  z.object({ action: z.literal('record.countersigned'), payload: signedPayload }),
  z.object({
    action: z.literal('record.signature_voided'),
    payload: z.object({ signatureIds: z.array(z.string()), revision: z.number().int() }),
  }),
  z.object({
    action: z.literal('record.archived'),
    payload: z.object({ from: z.enum(['signed', 'refused']), recordSha256: z.string() }),
  }),
  // the platform seal over the record both signed: which key, what hash, whether timestamped
  z.object({
    action: z.literal('record.sealed'),
    payload: z.object({
      keyId: z.string(),
      recordSha256: z.string(),
      timestamped: z.boolean(),
    }),
  }),
  z.object({ action: z.literal('signing.reauth_failed'), payload: z.object({ failures: count }) }),
  z.object({
    action: z.literal('signing.locked'),
    payload: z.object({ until: z.string(), failures: count }),
  }),
  z.object({
    action: z.literal('schedule.created'),
    payload: z.object({ employeeId: z.string(), templateId: z.string() }),
  }),
  z.object({ action: z.literal('schedule.started'), payload: z.object({ recordId: z.string() }) }),
  z.object({
    action: z.literal('schedule.rescheduled'),
    payload: z.object({ from: z.string(), to: z.string() }),
  }),
  // the reason stays with the entry: free text about a person (a sick leave, a dispute) that the
  // auditor, who reads no content, has no need of
  z.object({ action: z.literal('schedule.cancelled'), payload: z.object({}) }),
  z.object({ action: z.literal('keys.staged'), payload: z.object({ key: z.string() }) }),
  z.object({ action: z.literal('keys.activated'), payload: z.object({ key: z.string() }) }),
  z.object({
    action: z.literal('keys.rotated'),
    // rotations before these fields re-wrapped only and did not say what they retired
    payload: z.object({
      to: z.string(),
      rows: count,
      reencrypted: z.boolean().optional(),
      retired: z.array(z.string()).optional(),
    }),
  }),
  z.object({ action: z.literal('sessions.swept'), payload: z.object({ expired: count }) }),
  // a failed backup has no size or audit head; `pruned` names the old backups deleted after it
  z.object({
    action: z.literal('backup.created'),
    payload: z.object({
      name: z.string(),
      bytes: count.nullable(),
      auditSeq: count.nullable(),
      pruned: z.array(z.string()),
    }),
  }),
  z.object({
    action: z.literal('backup.verified'),
    payload: z.object({
      name: z.string(),
      ok: z.boolean(),
      failedCheck: z.enum(BACKUP_CHECKS).nullable(),
    }),
  }),
  // written into the restored database: where its data came from
  z.object({
    action: z.literal('backup.restored'),
    payload: z.object({ name: z.string(), createdAt: z.string(), auditSeq: count }),
  }),
]);

export type AuditEvent = z.infer<typeof auditEventSchema>;

type RoleGrant = z.infer<typeof roleGrant>;

function grantIds(grant: RoleGrant): string[] {
  return [grant.regionId, grant.departmentId].filter((id) => id !== null);
}

/**
 * The ids an entry's payload refers to (people, accounts, departments, regions, templates,
 * records), which the audit list names so that no id reaches the screen.
 */
export function payloadIds(event: AuditEvent): string[] {
  switch (event.action) {
    case 'user.created':
      return event.payload.employeeId ? [event.payload.employeeId] : [];
    case 'user.roles_changed':
      return [...event.payload.before, ...event.payload.after].flatMap(grantIds);
    case 'user.content_role_granted':
      return grantIds(event.payload);
    case 'template.created':
      return event.payload.copiedFrom ? [event.payload.copiedFrom] : [];
    case 'record.created':
      return [
        event.payload.employeeId,
        event.payload.templateId,
        event.payload.addendumOf ?? [],
      ].flat();
    case 'schedule.created':
      return [event.payload.employeeId, event.payload.templateId];
    case 'record.collaborator_added':
    case 'record.collaborator_removed':
      return [event.payload.employeeId];
    case 'record.handed_over':
      return [event.payload.from, event.payload.to];
    case 'schedule.started':
      return [event.payload.recordId];
    default:
      return [];
  }
}
