import type { TFunction } from 'i18next';
import type { ContentIssue } from '../../core/templates/content.js';
import { allFields, type TemplateDefinition } from '../../core/templates/model.js';
import { kindOf } from '../fields/registry.js';
import { issueText } from '../issues.js';

/** Where in a field's value an issue is: "Item 2 · Weight", as the field's type names its parts. */
function where(t: TFunction, issue: ContentIssue, columnLabel?: (column: string) => string) {
  const [item, column] = issue.path ?? [];
  if (typeof item !== 'number') return '';
  const parts: string[] = [t('issues.item', { n: String(item + 1) })];
  if (typeof column === 'string' && columnLabel) parts.push(columnLabel(column));
  return `${parts.join(' · ')}: `;
}

/**
 * The issues `checkContent` (or the server's CONTENT_INVALID) reports, as one localized message
 * per field, from each issue's stable code, params and path.
 */
export function issueMessages(
  t: TFunction,
  def: TemplateDefinition,
  issues: readonly ContentIssue[],
): Record<string, string> {
  const fields = new Map(allFields(def).map((f) => [f.key, f]));
  const messages: Record<string, string> = {};
  for (const issue of issues) {
    if (messages[issue.field]) continue;
    const field = fields.get(issue.field);
    const columnLabel = field && kindOf(field.type).columnLabel;
    messages[issue.field] =
      where(t, issue, columnLabel && ((column) => columnLabel(t, column))) + issueText(t, issue);
  }
  return messages;
}

/** The issues of a CONTENT_INVALID answer, if the details carry them. */
export function contentIssuesOf(details: unknown): ContentIssue[] {
  const issues = (details as { issues?: unknown } | null)?.issues;
  return Array.isArray(issues) ? (issues as ContentIssue[]) : [];
}
