import type { z } from 'zod';

/**
 * Machine codes for what is wrong with one input value. Clients word them in the user's language
 * from the code and its params; `message` is for logs and developers and may change.
 */
export const ISSUE_CODES = [
  /** a value that must be given is missing */
  'required',
  /** a text that must not be blank is */
  'empty',
  /** text longer than `max` characters */
  'too_long',
  /** text shorter than `min` characters */
  'too_short',
  /** more than `max` rows or items */
  'too_many',
  /** a text mentioning more than `max` colleagues */
  'too_many_mentions',
  /** fewer than `min` rows or items */
  'too_few',
  'not_a_number',
  'not_an_integer',
  /** a number below `min` or above `max` */
  'out_of_range',
  /** not one of `options` */
  'not_an_option',
  'not_a_date',
  /** a JSON value of another kind than `expected` (e.g. a string where rows belong) */
  'wrong_type',
  /** a text that does not have the required form (keys: a lower-case letter, then letters, digits, _) */
  'bad_format',
  /** control characters other than tab and line breaks */
  'control_chars',
  /** properties `keys` that the value may not have */
  'unknown_key',
  /** arrays and objects nested deeper than `max` */
  'too_deep',
  /** content: no such field in the template */
  'unknown_field',
  /** content: the field is written by the other party */
  'not_yours',
  /** content: a rating that is not a level of the field's scale */
  'not_on_scale',
  /** content: KPI weights (summing to `sum`) must add up to 100 */
  'kpi_weights',
  /** template: a field key used twice */
  'duplicate_key',
  /** template: a second rating marked as the record's overall rating */
  'second_overall',
  /** template: a key that is a built-in property name of every object (constructor, toString…) */
  'reserved_key',
  /** template: a field the employee fills cannot be manager-only */
  'employee_manager_only',
  /** template: a number field's max is below its min */
  'max_below_min',
  /** a reference to something that does not exist (an employee, a template, a region…) */
  'unknown_reference',
  /** an account cannot do this to itself (disable itself) */
  'own_account',
  /** a role whose scope is the holder's team needs an account linked to an employee */
  'needs_employee',
  /** anything else: a check without a code of its own */
  'invalid',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface IssueParams {
  min?: number;
  max?: number;
  sum?: number;
  expected?: string;
  options?: string[];
  keys?: string[];
}

/** One problem of a request's body, query or params (in `VALIDATION` details). */
export interface ValidationIssue {
  /** where, e.g. `body.definition.sections.0.fields.2.key` */
  path: string;
  code: IssueCode;
  params?: IssueParams;
  message: string;
}

/**
 * Params for a refinement: `ctx.addIssue({ code: 'custom', ...coded('kpi_weights', { sum }) })`
 * or `.refine(check, coded('not_a_date'))`, so that `issueOf` reports the code.
 */
export function coded(code: IssueCode, params: IssueParams = {}) {
  return { params: { ...params, code }, message: code.replaceAll('_', ' ') };
}

const isIssueCode = (v: unknown): v is IssueCode =>
  typeof v === 'string' && (ISSUE_CODES as readonly string[]).includes(v);

const bound = (v: number | bigint) => Number(v);

/** The stable code of one zod issue, and its params if it has any. */
export function issueOf(issue: z.core.$ZodIssue): { code: IssueCode; params?: IssueParams } {
  switch (issue.code) {
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as { code?: unknown } & IssueParams;
      if (!isIssueCode(code)) return { code: 'invalid' };
      return Object.keys(params).length > 0 ? { code, params } : { code };
    }
    case 'invalid_type':
      if ('input' in issue && issue.input === undefined) return { code: 'required' };
      if (issue.expected === 'number') return { code: 'not_a_number' };
      if (issue.expected === 'int') return { code: 'not_an_integer' };
      return { code: 'wrong_type', params: { expected: issue.expected } };
    case 'too_big':
      if (issue.origin === 'string')
        return { code: 'too_long', params: { max: bound(issue.maximum) } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'too_many', params: { max: bound(issue.maximum) } };
      return { code: 'out_of_range', params: { max: bound(issue.maximum) } };
    case 'too_small':
      if (issue.origin === 'string')
        return bound(issue.minimum) <= 1
          ? { code: 'empty' }
          : { code: 'too_short', params: { min: bound(issue.minimum) } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'too_few', params: { min: bound(issue.minimum) } };
      return { code: 'out_of_range', params: { min: bound(issue.minimum) } };
    case 'invalid_value':
      return { code: 'not_an_option', params: { options: issue.values.map(String) } };
    case 'invalid_union':
      // a discriminated union (a field's `type`) names its options; other unions do not
      return 'options' in issue && Array.isArray(issue.options)
        ? { code: 'not_an_option', params: { options: issue.options.map(String) } }
        : { code: 'invalid' };
    case 'invalid_format':
      return issue.format === 'date' || issue.format === 'datetime'
        ? { code: 'not_a_date' }
        : { code: 'bad_format' };
    case 'unrecognized_keys':
      return { code: 'unknown_key', params: { keys: issue.keys } };
    default:
      return { code: 'invalid' };
  }
}
