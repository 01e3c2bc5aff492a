import type { TFunction } from 'i18next';
import type { IssueCode, IssueParams } from '../core/issues.js';

/** What the web needs of an issue from core or the server: its stable code and its numbers. */
export interface CodedIssue {
  code: IssueCode;
  params?: IssueParams;
}

/**
 * An input issue in the user's language, from its code and params only: the server's and zod's
 * English messages are for logs and are never shown or matched.
 */
export function issueText(t: TFunction, { code, params = {} }: CodedIssue): string {
  const min = String(params.min ?? '');
  const max = String(params.max ?? '');
  if (code === 'out_of_range') {
    if (params.min !== undefined && params.max !== undefined)
      return t('issues.between', { min, max });
    if (params.min !== undefined) return t('issues.atLeast', { min });
    if (params.max !== undefined) return t('issues.atMost', { max });
  }
  const keys = params.keys?.join(', ') ?? '';
  return t(`issues.${code}`, { min, max, sum: String(params.sum ?? ''), keys });
}
