import type { TFunction } from 'i18next';
import { auditEventSchema, type AuditEvent } from '../core/audit-events.js';
import { currentAuditAction, type AuditAction, type AuditEntry } from '../core/audit.js';
import { ERRORS, errorMessage, type ErrorCode, type Locale } from '../core/errors.js';
import {
  RECORD_ACTIONS,
  RECORD_STATES,
  type RecordAction,
  type RecordState,
} from '../core/records/lifecycle.js';
import { ROLES, SCOPE_KINDS, type Role, type ScopeKind } from '../core/roles.js';
import { integrityPartWords } from './integrity.js';
import { formatBytes, formatDateTime, localName } from './format.js';

/** One line of an entry's details: what it is and its value, both in words. */
export interface DetailLine {
  label: string;
  value: string;
}

interface Words {
  t: TFunction;
  language: Locale;
  /** the name of a person, department, template… the entry refers to, or 「—」 */
  name: (id: string) => string;
}

type Payload<A extends AuditAction> = Extract<AuditEvent, { action: A }>['payload'];
type RoleGrant = Payload<'user.content_role_granted'>;

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return (values as readonly unknown[]).includes(value);
}

export const isRecordAction = (value: unknown): value is RecordAction =>
  isOneOf(RECORD_ACTIONS, value);

const LOGIN_FAILURES: Record<Payload<'auth.login_failed'>['reason'], ErrorCode> = {
  bad_credentials: 'BAD_CREDENTIALS',
  locked: 'ACCOUNT_LOCKED',
  disabled: 'ACCOUNT_DISABLED',
};

function stateWord(state: string, { t }: Words): string {
  return isOneOf<RecordState>(RECORD_STATES, state) ? t(`recordStates.${state}`) : t('common.none');
}

function grantWords(grant: RoleGrant, w: Words): string {
  const { t } = w;
  const role = isOneOf<Role>(ROLES, grant.role) ? t(`roles.${grant.role}`) : t('common.none');
  const scopeId = grant.scopeKind === 'region' ? grant.regionId : grant.departmentId;
  let scope: string = t('common.none');
  if (scopeId && (grant.scopeKind === 'region' || grant.scopeKind === 'department'))
    scope = w.name(scopeId);
  else if (isOneOf<ScopeKind>(SCOPE_KINDS, grant.scopeKind)) scope = t(`scopes.${grant.scopeKind}`);
  return `${role} · ${scope}`;
}

/** A file's facts as an entry holds them (never its name). */
function attachmentLines(
  p: Payload<'record.attachment_added'>,
  { t, language }: Words,
): DetailLine[] {
  return [
    { label: t('audit.details.fileType'), value: p.mediaType },
    { label: t('audit.details.fileSize'), value: formatBytes(p.sizeBytes, language) },
    { label: t('audit.details.fileSha256'), value: p.sha256 },
    {
      label: t('audit.details.attachmentReaders'),
      value: t(`audit.details.attachmentAudience.${p.audience}`),
    },
  ];
}

function grantsWords(grants: RoleGrant[], w: Words): string {
  if (grants.length === 0) return w.t('users.noRoles');
  return grants.map((g) => grantWords(g, w)).join(w.t('audit.details.grantSeparator'));
}

function change(from: string, to: string, { t }: Words): string {
  return t('audit.details.change', { from, to });
}

function counts(c: { created: number; updated: number }) {
  return { created: String(c.created), updated: String(c.updated) };
}

const none = (): DetailLine[] => [];

/** A signature by what it binds: role, choice, version, hashes and how the signer confirmed. */
function signedDetails(p: Payload<'record.signed'>, { t }: Words): DetailLine[] {
  return [
    { label: t('audit.details.signer'), value: t(`signing.roles.${p.role}`) },
    { label: t('audit.details.signingChoice'), value: t(`signing.choices.${p.choice}`) },
    { label: t('audit.details.version'), value: String(p.revision) },
    { label: t('audit.details.recordSha256'), value: p.recordSha256 },
    { label: t('audit.details.handwritingSha256'), value: p.handwritingSha256 },
    {
      label: t('audit.details.authMethod'),
      value: p.authMethod === 'password' ? t('signing.authMethods.password') : p.authMethod,
    },
  ];
}

/**
 * Every action's payload in words. An action whose payload holds nothing worth showing says so
 * with `none`; ids become names, codes become words, and content (topics, comment text, reasons
 * given for a cancellation) is never in a payload to begin with.
 */
const DETAILS: { [A in AuditAction]: (payload: Payload<A>, w: Words) => DetailLine[] } = {
  'auth.login': (_, { t }) => [
    { label: t('audit.details.method'), value: t('audit.details.password') },
  ],
  'auth.login_failed': (p, { t, language }) => [
    { label: t('audit.details.username'), value: p.username },
    { label: t('audit.details.reason'), value: errorMessage(LOGIN_FAILURES[p.reason], language) },
  ],
  'auth.locked': (p, { t, language }) => [
    { label: t('audit.details.username'), value: p.username },
    { label: t('audit.details.failures'), value: String(p.failures) },
    { label: t('audit.details.lockedUntil'), value: formatDateTime(p.until, language) },
  ],
  'auth.logout': none,
  'auth.password_changed': none,
  'auth.activated': none,
  'auth.activation_failed': (p, { t }) => [
    { label: t('audit.details.username'), value: p.username },
    { label: t('audit.details.reason'), value: t(`audit.details.activationFailure.${p.reason}`) },
  ],
  'access.denied': (p, { t, language }) => [
    {
      label: t('audit.details.reason'),
      value: p.code in ERRORS ? errorMessage(p.code as ErrorCode, language) : t('common.none'),
    },
    { label: t('audit.details.request'), value: `${p.method} ${p.route}` },
  ],
  'employee.viewed': none,
  'employee.performance_file_viewed': (p, { t }) => [
    { label: t('audit.details.records'), value: String(p.records) },
  ],
  'org.imported': (p, { t }) => [
    { label: t('audit.details.fileFormat'), value: p.format.toUpperCase() },
    {
      label: t('audit.details.departments'),
      value: t('audit.details.createdUpdated', counts(p.departments)),
    },
    {
      label: t('audit.details.employees'),
      value: t('audit.details.createdUpdated', counts(p.employees)),
    },
    { label: t('audit.details.fileSha256'), value: p.fileSha256 },
  ],
  'org.import_rejected': (p, { t }) => [
    { label: t('audit.details.errors'), value: String(p.errors) },
    { label: t('audit.details.fileSha256'), value: p.fileSha256 },
  ],
  'org.seeded': (p, { t }) => [
    { label: t('audit.details.employeeCount'), value: String(p.employees) },
  ],
  'user.created': (p, w) => [
    { label: w.t('audit.details.username'), value: p.username },
    {
      label: w.t('audit.details.linkedEmployee'),
      value: p.employeeId ? w.name(p.employeeId) : w.t('audit.details.noEmployee'),
    },
  ],
  'user.disabled': (p, { t }) => [
    { label: t('audit.details.sessionsEnded'), value: String(p.sessionsEnded) },
  ],
  'user.enabled': none,
  'user.unlocked': none,
  'user.roles_changed': (p, w) => [
    { label: w.t('audit.details.rolesBefore'), value: grantsWords(p.before, w) },
    { label: w.t('audit.details.rolesAfter'), value: grantsWords(p.after, w) },
  ],
  'user.content_role_granted': (p, w) => [{ label: w.t('audit.grant'), value: grantWords(p, w) }],
  'user.activation_issued': (p, { t, language }) => [
    { label: t('audit.details.codeExpiresAt'), value: formatDateTime(p.expiresAt, language) },
    {
      label: t('audit.details.codeKind'),
      value: t(p.reset ? 'audit.details.passwordReset' : 'audit.details.firstCode'),
    },
  ],
  'users.bulk_created': (p, { t }) => [
    { label: t('audit.details.source'), value: t(`audit.details.accountSource.${p.source}`) },
    {
      label: t('audit.details.result'),
      value: t('audit.details.createdSkipped', {
        created: String(p.created),
        skipped: String(p.skipped),
      }),
    },
  ],
  'audit.checkpoints_exported': (p, { t }) => [
    { label: t('audit.details.checkpointCount'), value: String(p.checkpoints) },
    ...(p.lastSeq === null
      ? []
      : [
          {
            label: t('audit.lastCheckpoint'),
            value: t('audit.details.seqNo', { seq: String(p.lastSeq) }),
          },
        ]),
  ],
  'audit.verified': (p, { t }) => [
    {
      label: t('audit.details.result'),
      value: p.ok ? t('audit.details.intact') : t('audit.details.problemsFound'),
    },
    { label: t('audit.entries'), value: String(p.entries) },
    ...(p.firstBadSeq === null
      ? []
      : [
          {
            label: t('audit.firstProblem'),
            value: t('audit.details.seqNo', { seq: String(p.firstBadSeq) }),
          },
        ]),
  ],
  'integrity.failed': (p, { t }) => [
    { label: t('audit.details.storedValue'), value: integrityPartWords(p, t) },
  ],
  'template.created': (p, w) => [
    {
      label: w.t('audit.details.source'),
      value: p.copiedFrom
        ? w.t('audit.details.copiedFrom', { name: w.name(p.copiedFrom) })
        : w.t('audit.details.newTemplate'),
    },
  ],
  'template.versioned': (p, { t }) => [
    {
      label: t('audit.details.version'),
      value: t('audit.details.versionNo', { version: String(p.version) }),
    },
  ],
  'template.retired': none,
  'template.restored': none,
  'record.created': (p, w) => [
    { label: w.t('audit.details.employee'), value: w.name(p.employeeId) },
    {
      label: w.t('audit.details.template'),
      value: w.t('audit.details.templateVersion', {
        name: w.name(p.templateId),
        version: String(p.templateVersion),
      }),
    },
    ...(p.addendumOf
      ? [
          {
            label: w.t('audit.details.addendum'),
            value: w.t('audit.details.addendumOf', { name: w.name(p.addendumOf) }),
          },
        ]
      : []),
  ],
  'record.viewed': (p, { t }) => [
    { label: t('audit.details.viewed'), value: t(`audit.details.audience.${p.audience}`) },
    ...(p.part === 'history'
      ? [{ label: t('audit.details.viewed'), value: t('audit.details.history') }]
      : []),
  ],
  'record.changed': (p, w) => [
    {
      label: w.t('audit.details.step'),
      value: isRecordAction(p.action) ? w.t(`recordActions.${p.action}`) : w.t('common.none'),
    },
    {
      label: w.t('audit.details.state'),
      value: change(stateWord(p.from, w), stateWord(p.to, w), w),
    },
  ],
  'record.collaborator_added': (p, w) => [
    { label: w.t('audit.details.collaborator'), value: w.name(p.employeeId) },
  ],
  'record.collaborator_removed': (p, w) => [
    { label: w.t('audit.details.collaborator'), value: w.name(p.employeeId) },
  ],
  'record.commented': (p, { t }) => [
    {
      label: t('audit.details.readers'),
      value: t(`audit.details.commentAudience.${p.audience}`),
    },
  ],
  'record.handed_over': (p, w) => [
    { label: w.t('audit.details.interviewer'), value: change(w.name(p.from), w.name(p.to), w) },
  ],
  'record.private_note_saved': none,
  'record.pdf_issued': (p, { t }) => [
    { label: t('audit.details.verificationCode'), value: p.code },
    { label: t('audit.details.pdfView'), value: t(`audit.details.pdfViews.${p.view}`) },
    { label: t('audit.details.language'), value: t(`audit.details.pdfLanguages.${p.language}`) },
    { label: t('audit.details.recordSha256'), value: p.recordSha256 },
    { label: t('audit.details.pdfSha256'), value: p.pdfSha256 },
  ],
  'record.pdf_verified': (p, { t }) => [
    { label: t('audit.details.verificationCode'), value: p.code },
    { label: t('audit.details.verifiedBy'), value: t(`audit.details.verifiedByKinds.${p.by}`) },
    {
      label: t('audit.details.result'),
      value: p.valid ? t('audit.details.pdfValid') : t('audit.details.pdfInvalid'),
    },
  ],
  'record.attachment_added': attachmentLines,
  'record.attachment_deleted': attachmentLines,
  'record.attachment_downloaded': (p, w) => [
    ...attachmentLines(p, w),
    {
      label: w.t('audit.details.disposition'),
      value: w.t(`audit.details.dispositions.${p.disposition}`),
    },
  ],
  'record.signed': signedDetails,
  'record.refused': signedDetails,
  'record.countersigned': signedDetails,
  'record.signature_voided': (p, { t }) => [
    { label: t('audit.details.signatures'), value: String(p.signatureIds.length) },
    { label: t('audit.details.version'), value: String(p.revision) },
  ],
  'record.archived': (p, w) => [
    { label: w.t('audit.details.archivedFrom'), value: stateWord(p.from, w) },
    { label: w.t('audit.details.recordSha256'), value: p.recordSha256 },
  ],
  'record.sealed': (p, { t }) => [
    { label: t('audit.details.recordSha256'), value: p.recordSha256 },
    {
      label: t('audit.details.timestamped'),
      value: t(p.timestamped ? 'audit.details.timestampYes' : 'audit.details.timestampNo'),
    },
  ],
  'signing.reauth_failed': (p, { t }) => [
    { label: t('audit.details.failures'), value: String(p.failures) },
  ],
  'signing.locked': (p, { t, language }) => [
    { label: t('audit.details.lockedUntil'), value: formatDateTime(p.until, language) },
    { label: t('audit.details.failures'), value: String(p.failures) },
  ],
  'schedule.created': (p, w) => [
    { label: w.t('audit.details.employee'), value: w.name(p.employeeId) },
    { label: w.t('audit.details.template'), value: w.name(p.templateId) },
  ],
  'schedule.started': (p, w) => [
    {
      label: w.t('audit.details.record'),
      value: w.t('audit.targetNamed.record', { name: w.name(p.recordId) }),
    },
  ],
  'schedule.rescheduled': (p, w) => [
    {
      label: w.t('audit.details.time'),
      value: change(formatDateTime(p.from, w.language), formatDateTime(p.to, w.language), w),
    },
  ],
  'schedule.cancelled': none,
  'keys.staged': (p, { t }) => [{ label: t('audit.details.key'), value: p.key }],
  'keys.activated': (p, { t }) => [{ label: t('audit.details.key'), value: p.key }],
  'keys.rotated': (p, { t }) => [
    { label: t('audit.details.key'), value: p.to },
    {
      label: t(p.reencrypted ? 'audit.details.rowsReencrypted' : 'audit.details.rowsRewrapped'),
      value: String(p.rows),
    },
    ...(p.retired && p.retired.length > 0
      ? [{ label: t('audit.details.keysRetired'), value: p.retired.join(', ') }]
      : []),
  ],
  'sessions.swept': (p, { t }) => [
    { label: t('audit.details.sessionsExpired'), value: String(p.expired) },
  ],
  // a failed backup has no size nor audit head, and most delete no old backup: those lines are left out
  'backup.created': (p, { t, language }) => [
    { label: t('audit.details.backup'), value: p.name },
    ...(p.bytes === null
      ? []
      : [{ label: t('audit.details.backupSize'), value: formatBytes(p.bytes, language) }]),
    ...(p.auditSeq === null
      ? []
      : [
          {
            label: t('audit.details.backupAuditSeq'),
            value: t('audit.details.seqNo', { seq: String(p.auditSeq) }),
          },
        ]),
    ...(p.pruned.length === 0
      ? []
      : [
          {
            label: t('audit.details.prunedBackups'),
            value: p.pruned.join(t('audit.details.grantSeparator')),
          },
        ]),
  ],
  'backup.verified': (p, { t }) => [
    { label: t('audit.details.backup'), value: p.name },
    {
      label: t('audit.details.result'),
      value: p.ok ? t('audit.details.intact') : t('audit.details.problemsFound'),
    },
    ...(p.failedCheck === null
      ? []
      : [{ label: t('audit.details.failedCheck'), value: t(`backupChecks.${p.failedCheck}`) }]),
  ],
  'backup.restored': (p, { t, language }) => [
    { label: t('audit.details.backup'), value: p.name },
    { label: t('audit.details.backupTakenAt'), value: formatDateTime(p.createdAt, language) },
    {
      label: t('audit.details.backupAuditSeq'),
      value: t('audit.details.seqNo', { seq: String(p.auditSeq) }),
    },
  ],
};

function detailsOf<A extends AuditAction>(
  event: { action: A; payload: Payload<A> },
  words: Words,
): DetailLine[] {
  return DETAILS[event.action](event.payload, words);
}

/**
 * An entry's payload in words, with every id it refers to by name; null for a payload this
 * version cannot read (shown as 「—」, never as raw data).
 */
export function auditDetails(
  entry: AuditEntry,
  t: TFunction,
  language: Locale,
): DetailLine[] | null {
  const event = auditEventSchema.safeParse({
    action: currentAuditAction(entry.action),
    payload: entry.payload,
  });
  if (!event.success) return null;
  const name = (id: string) => {
    const named = entry.names[id];
    return named ? localName(named, language) : t('common.none');
  };
  return detailsOf(event.data, { t, language, name });
}
