import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { auditEventSchema, type AuditEvent } from '../../src/core/audit-events.js';
import {
  AUDIT_ACTIONS,
  currentAuditAction,
  RENAMED_AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
} from '../../src/core/audit.js';
import type { Locale } from '../../src/core/errors.js';
import { auditDetails } from '../../src/web/auditDetails.js';
import { enUS } from '../../src/web/i18n/en-US.js';
import { zhCN } from '../../src/web/i18n/zh-CN.js';

/** The text at a dotted i18n key, or undefined. */
function textAt(messages: object, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
      messages,
    );
}

describe('audit actions', () => {
  it('are the ones the server writes, each with its payload', () => {
    const written = auditEventSchema.options.map((option) => option.shape.action.value);
    expect([...written].sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it.each(AUDIT_ACTIONS)('%s has words in zh-CN and en-US', (action) => {
    for (const messages of [zhCN, enUS]) {
      const text = textAt(messages.auditActions, action);
      expect(typeof text === 'string' && text.length > 0, `${action}`).toBe(true);
    }
  });

  it('shows entries written before a rename as the action they are now', () => {
    expect(currentAuditAction('plan.created')).toBe('schedule.created');
    expect(currentAuditAction('record.viewed')).toBe('record.viewed');
    expect(currentAuditAction('no.such')).toBeNull();
    for (const now of Object.values(RENAMED_AUDIT_ACTIONS)) expect(AUDIT_ACTIONS).toContain(now);
  });
});

const EMPLOYEE = '01JZ8Q6W4ZK3V6Y0C1F2G3H4J5';
const OTHER = '01JZ8Q6W4ZK3V6Y0C1F2G3H4J6';
const TEMPLATE = '01JZ8Q6W4ZK3V6Y0C1F2G3H4J7';
const RECORD = '01JZ8Q6W4ZK3V6Y0C1F2G3H4J8';
const REGION = '6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f';
const DEPARTMENT = '6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e60';
const NAMES = {
  [EMPLOYEE]: { name: '王伟', nameEn: null },
  [OTHER]: { name: '李娜', nameEn: null },
  [TEMPLATE]: { name: '年度绩效面谈', nameEn: 'Annual review' },
  [RECORD]: { name: '王伟', nameEn: null },
  [REGION]: { name: '华东区', nameEn: 'East China' },
  [DEPARTMENT]: { name: '一车间', nameEn: 'Workshop 1' },
};
const SHA = 'a'.repeat(64);
const ATTACHMENT = {
  attachmentId: OTHER,
  part: 'interviewer' as const,
  audience: 'managers' as const,
  mediaType: 'application/pdf',
  sizeBytes: 2_400_000,
  sha256: SHA,
};
const grant = {
  role: 'hr',
  scopeKind: 'department',
  regionId: null,
  departmentId: DEPARTMENT,
};

function signed(role: 'employee' | 'interviewer', choice: 'agree' | 'disagree' | 'refuse') {
  return {
    signatureId: OTHER,
    role,
    choice,
    revision: 5,
    recordSha256: SHA,
    handwritingSha256: SHA,
    signingKeyId: EMPLOYEE,
    authMethod: 'password',
  };
}

/** One payload of every action, with every id it can refer to. */
const SAMPLES: { [A in AuditAction]: Extract<AuditEvent, { action: A }>['payload'] } = {
  'auth.login': { method: 'password' },
  'auth.login_failed': { username: 'wangwei', reason: 'bad_credentials' },
  'auth.locked': { username: 'wangwei', until: '2026-03-01T02:00:00.000Z', failures: 5 },
  'auth.logout': {},
  'auth.password_changed': {},
  'auth.activated': {},
  'auth.activation_failed': { username: 'e100006', reason: 'voided' },
  'access.denied': { method: 'GET', route: '/api/audit', code: 'FORBIDDEN' },
  'employee.viewed': {},
  'employee.performance_file_viewed': { records: 3 },
  'org.imported': {
    fileSha256: SHA,
    format: 'xlsx',
    departments: { created: 2, updated: 1 },
    employees: { created: 30, updated: 4 },
  },
  'org.import_rejected': { fileSha256: SHA, errors: 3 },
  'org.seeded': { employees: 120 },
  'user.created': { username: 'wangwei', employeeId: EMPLOYEE },
  'user.disabled': { sessionsEnded: 2 },
  'user.enabled': {},
  'user.unlocked': {},
  'user.roles_changed': {
    before: [{ role: 'employee', scopeKind: 'self', regionId: null, departmentId: null }],
    after: [
      grant,
      { role: 'executive', scopeKind: 'region', regionId: REGION, departmentId: null },
    ],
  },
  'user.content_role_granted': grant,
  'user.activation_issued': { expiresAt: '2026-03-15T02:00:00.000Z', reset: true },
  'users.bulk_created': { source: 'department', created: 12, skipped: 3 },
  'audit.verified': { ok: false, entries: 1200, firstBadSeq: 17 },
  'integrity.failed': {
    table: 'record_versions',
    rowId: OTHER,
    part: 'version',
    recordId: RECORD,
    revision: 3,
  },
  'audit.checkpoints_exported': { checkpoints: 12, lastSeq: 1180 },
  'template.created': { code: 'custom-0a1b2c3d4e5f', copiedFrom: TEMPLATE },
  'template.versioned': { version: 3 },
  'template.retired': {},
  'template.restored': {},
  'record.created': { employeeId: EMPLOYEE, templateId: TEMPLATE, templateVersion: 2 },
  'record.viewed': { audience: 'restricted', part: 'history' },
  'record.changed': { action: 'submit', from: 'draft', to: 'submitted' },
  'record.collaborator_added': { employeeId: OTHER },
  'record.collaborator_removed': { employeeId: OTHER },
  'record.commented': { commentId: OTHER, audience: 'shared' },
  'record.handed_over': { from: EMPLOYEE, to: OTHER },
  'record.private_note_saved': {},
  'record.pdf_issued': {
    pdfId: RECORD,
    code: '7K3M9QX2RT',
    view: 'employee',
    language: 'zh-CN',
    recordSha256: SHA,
    pdfSha256: SHA,
  },
  'record.pdf_verified': { pdfId: RECORD, code: '7K3M9QX2RT', by: 'file', valid: false },
  'record.attachment_added': ATTACHMENT,
  'record.attachment_deleted': ATTACHMENT,
  'record.attachment_downloaded': { ...ATTACHMENT, disposition: 'inline' },
  'record.signed': signed('employee', 'disagree'),
  'record.refused': signed('employee', 'refuse'),
  'record.countersigned': signed('interviewer', 'agree'),
  'record.signature_voided': { signatureIds: [OTHER], revision: 6 },
  'record.archived': { from: 'signed', recordSha256: SHA },
  'record.sealed': { keyId: '3f2a9c0d1e4b5a67', recordSha256: SHA, timestamped: true },
  'signing.reauth_failed': { failures: 2 },
  'signing.locked': { until: '2026-03-01T02:00:00.000Z', failures: 5 },
  'schedule.created': { employeeId: EMPLOYEE, templateId: TEMPLATE },
  'schedule.started': { recordId: RECORD },
  'schedule.rescheduled': { from: '2026-03-02T01:00:00.000Z', to: '2026-03-03T06:15:00.000Z' },
  'schedule.cancelled': {},
  'keys.staged': { key: 'k2' },
  'keys.activated': { key: 'k2' },
  'keys.rotated': { to: 'k2', rows: 420, reencrypted: true, retired: ['k1'] },
  'sessions.swept': { expired: 3 },
  'backup.created': {
    name: 'miantan-20260301T020000Z-a1b2c3',
    bytes: 123_456_789,
    auditSeq: 1200,
    pruned: ['miantan-20260215T020000Z-0f0e0d'],
  },
  'backup.verified': { name: 'miantan-20260301T020000Z-a1b2c3', ok: false, failedCheck: 'audit' },
  'backup.restored': {
    name: 'miantan-20260301T020000Z-a1b2c3',
    createdAt: '2026-03-01T02:00:00.000Z',
    auditSeq: 1200,
  },
};

function entry(action: string, payload: unknown, names: AuditEntry['names'] = NAMES): AuditEntry {
  return {
    seq: 1,
    at: '2026-03-01T00:00:00.000Z',
    actorUserId: null,
    actorName: null,
    ip: null,
    userAgent: null,
    action,
    outcome: 'ok',
    targetType: null,
    targetId: null,
    targetName: null,
    targetNameEn: null,
    payload,
    names,
  };
}

async function translator(language: Locale) {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    lng: language,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return instance.t;
}

describe('audit details', () => {
  const LANGUAGES: Locale[] = ['zh-CN', 'en-US'];

  it.each(AUDIT_ACTIONS)('%s has its payload in words, or explicitly none', async (action) => {
    const payload = SAMPLES[action];
    const option = auditEventSchema.options.find((o) => o.shape.action.value === action)!;
    const hasFields = Object.keys(option.shape.payload.shape).length > 0;
    for (const language of LANGUAGES) {
      const lines = auditDetails(entry(action, payload), await translator(language), language);
      expect(lines, `${action} ${language}`).not.toBeNull();
      expect(lines!.length > 0, `${action} ${language} has words`).toBe(hasFields);
      for (const { label, value } of lines!) {
        for (const text of [label, value]) {
          expect(text, `${action} ${language}`).not.toBe('');
          // a missing i18n key shows as its path; an unresolved id as 「—」
          expect(text).not.toMatch(/\{|\}|"|audit\.|recordStates\.|roles\.|^—$/);
          expect(text).not.toMatch(/\b[0-9A-HJKMNP-TV-Z]{26}\b|[0-9a-f]{8}-[0-9a-f]{4}-/i);
          expect(text).not.toMatch(/[a-z][A-Z]|[a-z]_[a-z]/);
        }
      }
    }
  });

  it('names ids in the language shown and words states', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en-US');
    const roles = entry('user.roles_changed', SAMPLES['user.roles_changed']);
    expect(auditDetails(roles, zh, 'zh-CN')).toEqual([
      { label: '原角色', value: '员工 · 本人' },
      { label: '新角色', value: '人力资源 · 一车间、高管 · 华东区' },
    ]);
    expect(auditDetails(roles, en, 'en-US')![1]!.value).toContain('Workshop 1');
    const changed = entry('record.changed', SAMPLES['record.changed']);
    expect(auditDetails(changed, zh, 'zh-CN')).toContainEqual({
      label: '状态',
      value: '草稿 → 待员工确认',
    });
  });

  it('shows 「—」 for an id it cannot name and for a payload it cannot read', async () => {
    const zh = await translator('zh-CN');
    const unnamed = entry('record.collaborator_added', { employeeId: EMPLOYEE }, {});
    expect(auditDetails(unnamed, zh, 'zh-CN')).toEqual([{ label: '协作人', value: '—' }]);
    expect(auditDetails(entry('record.changed', { weird: 1 }), zh, 'zh-CN')).toBeNull();
    expect(auditDetails(entry('no.such', {}), zh, 'zh-CN')).toBeNull();
    // written before the rename: read as the action it is now
    const old = entry('plan.created', SAMPLES['schedule.created']);
    expect(auditDetails(old, zh, 'zh-CN')![0]).toEqual({ label: '员工', value: '王伟' });
  });
});
