import type { TFunction } from 'i18next';
import type { ContentIssue } from '../../core/templates/content.js';
import { allFields, type TemplateDefinition } from '../../core/templates/model.js';
import type { FieldIssue } from '../fields/kind.js';
import { kindOf } from '../fields/registry.js';

/** Words for an issue by its code alone; an unknown code reads as "invalid". */
function codeMessage(t: TFunction, issue: FieldIssue): string {
  const param = (name: string) => String(issue.params?.[name] ?? '');
  switch (issue.code) {
    case 'required':
      return t('record.issue.required');
    case 'not_yours':
      return t('record.issue.notYours');
    case 'unknown_field':
    case 'unknown_key':
      return t('record.issue.unknownField');
    case 'too_long':
      return t('record.issue.tooLong', { max: param('max') });
    case 'too_deep':
      return t('record.issue.tooDeep');
    case 'not_a_number':
      return t('record.issue.notANumber');
    case 'out_of_range':
      return t('record.issue.outOfRange', { min: param('min'), max: param('max') });
    default:
      return t('record.issue.invalid');
  }
}

/** Codes whose words say it all, whatever the field's type. */
const PLAIN = new Set([
  'required',
  'not_yours',
  'unknown_field',
  'unknown_key',
  'too_long',
  'too_deep',
]);

/**
 * The issues `checkContent` (or the server's CONTENT_INVALID) reports, as one localized message
 * per field: the issue's stable code decides, the field's type may put it in its own words.
 */
export function issueMessages(
  t: TFunction,
  def: TemplateDefinition,
  content: Record<string, unknown>,
  issues: readonly ContentIssue[],
): Record<string, string> {
  const fields = new Map(allFields(def).map((f) => [f.key, f]));
  const messages: Record<string, string> = {};
  for (const issue of issues) {
    if (messages[issue.field]) continue;
    const field = fields.get(issue.field);
    const own =
      field && !PLAIN.has(issue.code)
        ? kindOf(field.type).issueMessage?.(t, field, issue, content[field.key])
        : undefined;
    messages[issue.field] = own ?? codeMessage(t, issue);
  }
  return messages;
}

/** The issues of a CONTENT_INVALID answer, if the details carry them. */
export function contentIssuesOf(details: unknown): ContentIssue[] {
  const issues = (details as { issues?: unknown } | null)?.issues;
  return Array.isArray(issues) ? (issues as ContentIssue[]) : [];
}
