import { z } from 'zod';
import { multiLine } from '../text.js';
import { LIMITS, localizedSchema, templateDefinitionSchema } from './model.js';

const descriptionSchema = z.object({
  zh: multiLine(LIMITS.description),
  en: multiLine(LIMITS.description),
});

export const templateSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: localizedSchema,
  description: descriptionSchema,
  builtin: z.boolean(),
  status: z.enum(['active', 'retired']),
  currentVersion: z.number().int(),
  updatedAt: z.string(),
});
export type TemplateSummary = z.infer<typeof templateSummarySchema>;

export const templateDetailSchema = templateSummarySchema.extend({
  version: z.number().int(),
  definition: templateDefinitionSchema,
});
export type TemplateDetail = z.infer<typeof templateDetailSchema>;

/** The part of the organisation a template belongs to; only HR covering it changes it. */
export const templateOwnerSchema = z.object({
  kind: z.enum(['org', 'region', 'department']),
  /** the region or department; null for the whole organisation */
  id: z.string().nullable(),
});

/** What the signed-in user may do with a template, from the same rule the server applies. */
export const templateAbilitiesSchema = z.object({
  edit: z.boolean(),
  retire: z.boolean(),
  restore: z.boolean(),
  copy: z.boolean(),
});

const templateAccessSchema = z.object({
  owner: templateOwnerSchema,
  abilities: templateAbilitiesSchema,
});
export const templateListItemSchema = templateSummarySchema.extend(templateAccessSchema.shape);
export type TemplateListItem = z.infer<typeof templateListItemSchema>;
export const templateViewSchema = templateDetailSchema.extend(templateAccessSchema.shape);
export type TemplateView = z.infer<typeof templateViewSchema>;

export const createTemplateSchema = z.object({
  name: localizedSchema,
  description: descriptionSchema.default({ zh: '', en: '' }),
  definition: templateDefinitionSchema,
});
export type CreateTemplateInput = z.infer<typeof createTemplateSchema>;

/** Saving a template makes a new version; `baseVersion` is the version the editor started from. */
export const updateTemplateSchema = createTemplateSchema.extend({
  baseVersion: z.number().int().positive(),
});
export type UpdateTemplateInput = z.infer<typeof updateTemplateSchema>;

export const templateListQuerySchema = z.object({
  status: z.enum(['active', 'retired', 'all']).default('active'),
});
export type TemplateStatusFilter = z.infer<typeof templateListQuerySchema>['status'];
