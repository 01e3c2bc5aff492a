import { z } from 'zod';
import { auditStatusSchema } from './audit.js';

/**
 * The administrator's and auditor's view of the installation's health, one section per concern;
 * each section says what is wrong and the one setting that fixes it.
 */
export const systemStatusSchema = z.object({
  audit: auditStatusSchema,
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;
