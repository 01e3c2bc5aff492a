import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, currentAuditAction, RENAMED_AUDIT_ACTIONS } from '../../src/core/audit.js';
import { auditEventSchema } from '../../src/server/lib/audit/events.js';
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
