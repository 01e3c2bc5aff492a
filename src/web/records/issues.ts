import type { TFunction } from 'i18next';
import type { ContentIssue } from '../../core/templates/content.js';
import { allFields, type TemplateDefinition } from '../../core/templates/model.js';
import { kpiWeightSum } from './content.js';

/**
 * The issues `checkContent` (or the server's CONTENT_INVALID) reports, as one localized message
 * per field: the same rule decides, the words fit the field's type.
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
    if (issue.code === 'required') messages[issue.field] = t('record.issue.required');
    else if (issue.code === 'not_yours')
      messages[issue.field] = t('record.issue.notYours', { message: issue.message });
    else if (!field) messages[issue.field] = t('record.issue.invalid', { message: issue.message });
    else {
      switch (field.type) {
        case 'kpiTable': {
          const sum = kpiWeightSum(content[field.key]);
          messages[issue.field] = issue.message.includes('weights')
            ? t('record.issue.kpiWeights', { sum: String(sum) })
            : t('record.issue.kpiRow');
          break;
        }
        case 'smartGoals':
          messages[issue.field] = t('record.issue.goal');
          break;
        case 'skillMatrix':
          messages[issue.field] = t('record.issue.skill');
          break;
        case 'list':
          messages[issue.field] = t('record.issue.list');
          break;
        case 'number':
          messages[issue.field] =
            field.min !== undefined && field.max !== undefined
              ? t('record.issue.numberRange', { min: String(field.min), max: String(field.max) })
              : t('record.issue.invalid', { message: issue.message });
          break;
        default:
          messages[issue.field] = t('record.issue.invalid', { message: issue.message });
      }
    }
  }
  return messages;
}

/** The issues of a CONTENT_INVALID answer, if the details carry them. */
export function contentIssuesOf(details: unknown): ContentIssue[] {
  const issues = (details as { issues?: unknown } | null)?.issues;
  return Array.isArray(issues) ? (issues as ContentIssue[]) : [];
}
