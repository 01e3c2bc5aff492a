import { z } from 'zod';
import { coded } from '../issues.js';
import { singleLine } from '../text.js';

export const LIMITS = {
  longText: 20_000,
  /** a cell of a KPI table, SMART goal or skill matrix */
  shortText: 500,
  /** an item of a list */
  listItem: 1_000,
  /** the `specific` part of a SMART goal */
  goalSpecific: 2_000,
  rows: 50,
  listItems: 50,
  /**
   * Arrays and objects a field's value may nest: tables are rows of cells (2). Checked before
   * any other rule, so that no check walks a value nested thousands deep.
   */
  depth: 4,
  sections: 20,
  fieldsPerSection: 30,
  options: 30,
  minOptions: 2,
  key: 48,
  /** a label, title or hint, in each language */
  label: 200,
  /** a template's description, in each language */
  description: 500,
  /** a rating scale has this many levels, each valued 0 to `scaleValue` */
  minScale: 2,
  maxScale: 10,
  scaleValue: 10,
  /** a skill matrix rates on this many levels */
  minSkillLevels: 2,
  maxSkillLevels: 10,
  /** a KPI's weight and score are percentages; the weights add up to this */
  percent: 100,
} as const;

export const DEFAULT_SKILL_LEVELS = 5;

/**
 * Text in both locales of the product. Chinese is required; English is optional (empty: the
 * Chinese shows in its place), so that a template can be written in Chinese alone.
 */
export const localizedSchema = z.object({
  zh: singleLine(LIMITS.label, 1),
  en: singleLine(LIMITS.label).default(''),
});
export type Localized = z.infer<typeof localizedSchema>;

export const FIELD_TYPES = [
  'longText',
  'rating',
  'kpiTable',
  'list',
  'smartGoals',
  'skillMatrix',
  'choice',
  'number',
  'date',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * Names every object inherits (`constructor`, `toString`, `hasOwnProperty`…): as a field key,
 * `content[key]` would find the inherited function where no value was given.
 */
const isReserved = (key: string) => key in Object.prototype;

const keySchema = z
  .string()
  .min(1)
  .max(LIMITS.key)
  .regex(/^[a-z][a-zA-Z0-9_]*$/, 'keys start with a lower-case letter: letters, digits, _')
  .refine((key) => !isReserved(key), coded('reserved_key'));

const common = {
  key: keySchema,
  label: localizedSchema,
  hint: localizedSchema.optional(),
  required: z.boolean().default(false),
  /** confidential: never shown to the employee or a collaborator */
  managerOnly: z.boolean().default(false),
  /** who writes it: the interviewer, or the employee (feedback) */
  filledBy: z.enum(['interviewer', 'employee']).default('interviewer'),
};

export const fieldSchema = z.discriminatedUnion('type', [
  z.object({
    ...common,
    type: z.literal('longText'),
    maxLength: z.number().int().min(1).max(LIMITS.longText).optional(),
  }),
  z.object({
    ...common,
    type: z.literal('rating'),
    /** the record's overall rating: its trend in the performance file and the analytics */
    overall: z.boolean().default(false),
    scale: z
      .array(
        z.object({
          value: z.number().int().min(0).max(LIMITS.scaleValue),
          label: localizedSchema,
        }),
      )
      .min(LIMITS.minScale)
      .max(LIMITS.maxScale),
  }),
  z.object({ ...common, type: z.literal('kpiTable') }),
  z.object({ ...common, type: z.literal('list') }),
  z.object({ ...common, type: z.literal('smartGoals') }),
  z.object({
    ...common,
    type: z.literal('skillMatrix'),
    /** skills proposed as rows; the interviewer may add others */
    skills: z.array(localizedSchema).max(LIMITS.rows).default([]),
    levels: z
      .number()
      .int()
      .min(LIMITS.minSkillLevels)
      .max(LIMITS.maxSkillLevels)
      .default(DEFAULT_SKILL_LEVELS),
    /** what each level means in behaviour (学习中 … 可带教), one per level from 1 up */
    anchors: z.array(localizedSchema).max(LIMITS.maxSkillLevels).optional(),
  }),
  z.object({
    ...common,
    type: z.literal('choice'),
    options: z
      .array(z.object({ value: keySchema, label: localizedSchema }))
      .min(LIMITS.minOptions)
      .max(LIMITS.options),
    multiple: z.boolean().default(false),
  }),
  z.object({
    ...common,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
  }),
  z.object({ ...common, type: z.literal('date') }),
]);
export type FieldDef = z.infer<typeof fieldSchema>;

export const sectionSchema = z.object({
  key: keySchema,
  title: localizedSchema,
  hint: localizedSchema.optional(),
  fields: z.array(fieldSchema).min(1).max(LIMITS.fieldsPerSection),
});
export type SectionDef = z.infer<typeof sectionSchema>;

export const templateDefinitionSchema = z
  .object({ sections: z.array(sectionSchema).min(1).max(LIMITS.sections) })
  .superRefine((def, ctx) => {
    const seen = new Set<string>();
    let overall = false;
    def.sections.forEach((section, s) =>
      section.fields.forEach((field, f) => {
        if (field.type === 'rating' && field.overall) {
          if (overall)
            ctx.addIssue({
              code: 'custom',
              path: ['sections', s, 'fields', f, 'overall'],
              ...coded('second_overall'),
              message: 'one rating at most is the overall rating',
            });
          overall = true;
        }
        if (seen.has(field.key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'fields', f, 'key'],
            ...coded('duplicate_key'),
            message: `duplicate field key ${field.key}`,
          });
        }
        seen.add(field.key);
        if (field.managerOnly && field.filledBy === 'employee') {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'fields', f, 'managerOnly'],
            ...coded('employee_manager_only'),
            message: 'an employee field cannot be manager-only',
          });
        }
        if (
          field.type === 'skillMatrix' &&
          field.anchors &&
          field.anchors.length !== field.levels
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'fields', f, 'anchors'],
            ...(field.anchors.length < field.levels
              ? coded('too_few', { min: field.levels })
              : coded('too_many', { max: field.levels })),
            message: 'one anchor per level',
          });
        }
        if (
          field.type === 'number' &&
          field.min !== undefined &&
          field.max !== undefined &&
          field.min > field.max
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'fields', f, 'max'],
            ...coded('max_below_min'),
            message: 'max is below min',
          });
        }
      }),
    );
  });
export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;

export function allFields(def: TemplateDefinition): FieldDef[] {
  return def.sections.flatMap((s) => s.fields);
}
