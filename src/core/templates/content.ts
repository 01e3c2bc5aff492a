import { z } from 'zod';
import { coded, issueOf, type IssueCode, type IssueParams } from '../issues.js';
import { textWithMentions } from '../records/mentions.js';
import { multiLine, singleLine } from '../text.js';
import { allFields, LIMITS, type FieldDef, type TemplateDefinition } from './model.js';

/**
 * The values of one record, keyed by field key. The same checks run in the editor and on the
 * server, so the error the user sees first is the one the server would give.
 */
export type Content = Record<string, unknown>;

/** The value of a field: an own property only, never one every object inherits. */
export function valueIn(content: Content, key: string): unknown {
  return Object.hasOwn(content, key) ? content[key] : undefined;
}

const isoDate = z
  .string()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}$/.test(s) &&
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    coded('not_a_date'),
  );

const cell = singleLine(LIMITS.shortText);

// Rows are strict: a key of no column is refused rather than stored and copied into every version.
export const kpiRowSchema = z.strictObject({
  indicator: singleLine(LIMITS.shortText, 1),
  target: cell,
  actual: cell,
  weight: z.number().min(0).max(LIMITS.percent),
  score: z.number().min(0).max(LIMITS.percent),
});
export type KpiRow = z.infer<typeof kpiRowSchema>;

export const smartGoalSchema = z.strictObject({
  specific: multiLine(LIMITS.goalSpecific, { min: 1, trim: true }),
  measurable: cell,
  achievable: cell,
  relevant: cell,
  deadline: isoDate,
});
export type SmartGoal = z.infer<typeof smartGoalSchema>;

const kpiWeightSum = (rows: KpiRow[]) => rows.reduce((s, x) => s + x.weight, 0);

export function valueSchema(field: FieldDef, complete = true): z.ZodType {
  switch (field.type) {
    case 'longText':
      return textWithMentions(field.maxLength ?? LIMITS.longText);
    case 'rating':
      return z
        .number()
        .int()
        .refine((v) => field.scale.some((s) => s.value === v), coded('not_on_scale'));
    case 'kpiTable': {
      const rows = z.array(kpiRowSchema).max(LIMITS.rows);
      // a table still being filled in may be saved; a submitted one must weigh 100 in all
      return complete
        ? rows.superRefine((r, ctx) => {
            const sum = kpiWeightSum(r);
            if (r.length > 0 && Math.abs(sum - LIMITS.percent) >= 1e-9)
              ctx.addIssue({
                code: 'custom',
                ...coded('kpi_weights', { sum: Math.round(sum * 100) / 100 }),
                message: 'weights must add up to 100',
              });
          })
        : rows;
    }
    case 'list':
      return z.array(singleLine(LIMITS.listItem, 1)).max(LIMITS.listItems);
    case 'smartGoals':
      return z.array(smartGoalSchema).max(LIMITS.rows);
    case 'skillMatrix':
      return z
        .array(
          z.strictObject({
            skill: singleLine(LIMITS.shortText, 1),
            current: z.number().int().min(1).max(field.levels),
            target: z.number().int().min(1).max(field.levels),
          }),
        )
        .max(LIMITS.rows);
    case 'choice': {
      const one = z.enum(field.options.map((o) => o.value) as [string, ...string[]]);
      return field.multiple ? z.array(one).max(field.options.length) : one;
    }
    case 'number': {
      let n = z.number().finite();
      if (field.min !== undefined) n = n.min(field.min);
      if (field.max !== undefined) n = n.max(field.max);
      return n;
    }
    case 'date':
      return isoDate;
  }
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Whether a value nests arrays and objects more than `max` levels deep; looks no deeper. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (max === 0) return true;
  return Object.values(value).some((v) => nestsDeeperThan(v, max - 1));
}

export interface ContentIssue {
  field: string;
  code: IssueCode;
  /** where inside the field's value, e.g. `[2, 'weight']`: the third row's weight */
  path?: (string | number)[];
  params?: IssueParams;
  message: string;
}

/** The first thing wrong with one field's value, if anything is. */
function valueIssue(field: FieldDef, value: unknown, complete: boolean): ContentIssue | null {
  if (nestsDeeperThan(value, LIMITS.depth))
    return {
      field: field.key,
      code: 'too_deep',
      params: { max: LIMITS.depth },
      message: `nested more than ${LIMITS.depth} levels deep`,
    };
  // reportInput tells a missing cell from a cell of the wrong type
  const parsed = valueSchema(field, complete).safeParse(value, { reportInput: true });
  if (parsed.success) return null;
  const first = parsed.error.issues[0]!;
  const path = first.path.filter((p): p is string | number => typeof p !== 'symbol');
  const { code, params } = issueOf(first);
  return {
    field: field.key,
    code,
    ...(path.length > 0 ? { path } : {}),
    ...(params ? { params } : {}),
    message: `${first.message}${path.length > 0 ? ` at ${path.join('.')}` : ''}`,
  };
}

/**
 * Checks content against its template. `author` says whose fields may be written; `complete`
 * asks for every required field of that author (at submission), not only well-formed values.
 */
export function checkContent(
  def: TemplateDefinition,
  content: Content,
  options: { author: 'interviewer' | 'employee'; complete: boolean },
): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const fields = new Map(allFields(def).map((f) => [f.key, f]));
  for (const key of Object.keys(content)) {
    const field = fields.get(key);
    if (!field)
      issues.push({
        field: key,
        code: 'unknown_field',
        message: `no field ${key} in this template`,
      });
    else if (field.filledBy !== options.author && !isEmpty(valueIn(content, key))) {
      issues.push({
        field: key,
        code: 'not_yours',
        message: `${key} is written by the ${field.filledBy}`,
      });
    }
  }
  for (const field of fields.values()) {
    if (field.filledBy !== options.author) continue;
    const value = valueIn(content, field.key);
    if (isEmpty(value)) {
      if (options.complete && field.required)
        issues.push({ field: field.key, code: 'required', message: `${field.key} is required` });
      continue;
    }
    const issue = valueIssue(field, value, options.complete);
    if (issue) issues.push(issue);
  }
  return issues;
}

/** Σ weight × score / 100 over the rows, rounded to two decimals. */
export function weightedScore(rows: KpiRow[]): number {
  return Math.round(rows.reduce((s, r) => s + (r.weight * r.score) / 100, 0) * 100) / 100;
}

/** The content an audience may see: manager-only fields removed for employees and collaborators. */
export function visibleContent(
  def: TemplateDefinition,
  content: Content,
  audience: 'full' | 'restricted',
): Content {
  if (audience === 'full') return content;
  const hidden = new Set(
    allFields(def)
      .filter((f) => f.managerOnly)
      .map((f) => f.key),
  );
  return Object.fromEntries(Object.entries(content).filter(([k]) => !hidden.has(k)));
}

/**
 * The template as an audience may see it: for employees and collaborators the manager-only
 * fields are left out, so not even their labels and hints reach them.
 */
export function visibleDefinition(
  def: TemplateDefinition,
  audience: 'full' | 'restricted',
): TemplateDefinition {
  if (audience === 'full') return def;
  return {
    ...def,
    sections: def.sections
      .map((s) => ({ ...s, fields: s.fields.filter((f) => !f.managerOnly) }))
      .filter((s) => s.fields.length > 0),
  };
}
