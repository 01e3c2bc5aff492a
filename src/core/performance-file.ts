import { z } from 'zod';
import { departmentPathSchema } from './org.js';

const localized = z.object({ zh: z.string(), en: z.string() });

/** One archived record (or addendum) in an employee's performance file, as the reader may see it. */
export const performanceEntrySchema = z.object({
  recordId: z.string(),
  topic: z.string(),
  interviewAt: z.string(),
  templateName: localized,
  interviewer: z.string(),
  /** the archived record this one corrects */
  addendumOf: z.string().nullable(),
  /** the template's overall rating, when it has one the reader may see and it was given */
  rating: z.object({ value: z.number(), max: z.number(), label: localized.nullable() }).nullable(),
  /** skill levels now and targeted, from the record's skill matrices the reader may see */
  skills: z.array(
    z.object({ skill: z.string(), current: z.number(), target: z.number(), levels: z.number() }),
  ),
});
export type PerformanceEntry = z.infer<typeof performanceEntrySchema>;

export const performanceFileSchema = z.object({
  employee: z.object({
    id: z.string(),
    name: z.string(),
    employeeNo: z.string(),
    departmentPath: departmentPathSchema,
    positionName: z.string().nullable(),
  }),
  /** oldest first */
  entries: z.array(performanceEntrySchema),
  abilities: z.object({ export: z.boolean() }),
});
export type PerformanceFile = z.infer<typeof performanceFileSchema>;
