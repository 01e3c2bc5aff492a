import { z } from 'zod';
import { allFields, LIMITS, type FieldDef, type TemplateDefinition } from './model.js';

/**
 * The values of one record, keyed by field key. The same checks run in the editor and on the
 * server, so the error the user sees first is the one the server would give.
 */
export type Content = Record<string, unknown>;

const text = (max: number) => z.string().max(max);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a date',
  );

export const kpiRowSchema = z.object({
  indicator: text(LIMITS.shortText).min(1),
  target: text(LIMITS.shortText),
  actual: text(LIMITS.shortText),
  weight: z.number().min(0).max(LIMITS.percent),
  score: z.number().min(0).max(LIMITS.percent),
});
export type KpiRow = z.infer<typeof kpiRowSchema>;

export const smartGoalSchema = z.object({
  specific: text(LIMITS.goalSpecific).min(1),
  measurable: text(LIMITS.shortText),
  achievable: text(LIMITS.shortText),
  relevant: text(LIMITS.shortText),
  deadline: isoDate,
});
export type SmartGoal = z.infer<typeof smartGoalSchema>;

export function valueSchema(field: FieldDef, complete = true): z.ZodType {
  switch (field.type) {
    case 'longText':
      return text(field.maxLength ?? LIMITS.longText);
    case 'rating':
      return z
        .number()
        .int()
        .refine((v) => field.scale.some((s) => s.value === v), 'not on the scale');
    case 'kpiTable': {
      const rows = z.array(kpiRowSchema).max(LIMITS.rows);
      // a table still being filled in may be saved; a submitted one must weigh 100 in all
      return complete
        ? rows.refine(
            (r) =>
              r.length === 0 ||
              Math.abs(r.reduce((s, x) => s + x.weight, 0) - LIMITS.percent) < 1e-9,
            'weights must add up to 100',
          )
        : rows;
    }
    case 'list':
      return z.array(text(LIMITS.listItem).min(1)).max(LIMITS.listItems);
    case 'smartGoals':
      return z.array(smartGoalSchema).max(LIMITS.rows);
    case 'skillMatrix':
      return z
        .array(
          z.object({
            skill: text(LIMITS.shortText).min(1),
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

export interface ContentIssue {
  field: string;
  code: 'required' | 'invalid' | 'unknown_field' | 'not_yours';
  message: string;
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
    else if (field.filledBy !== options.author && !isEmpty(content[key])) {
      issues.push({
        field: key,
        code: 'not_yours',
        message: `${key} is written by the ${field.filledBy}`,
      });
    }
  }
  for (const field of fields.values()) {
    if (field.filledBy !== options.author) continue;
    const value = content[field.key];
    if (isEmpty(value)) {
      if (options.complete && field.required)
        issues.push({ field: field.key, code: 'required', message: `${field.key} is required` });
      continue;
    }
    const parsed = valueSchema(field, options.complete).safeParse(value);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
      issues.push({
        field: field.key,
        code: 'invalid',
        message: `${first?.message ?? 'invalid'}${where}`,
      });
    }
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
