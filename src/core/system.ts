import { z } from 'zod';
import { auditStatusSchema } from './audit.js';

/**
 * The administrator's and auditor's view of the installation's health, one section per concern;
 * each section says what is wrong and the one setting that fixes it.
 */
/** The master keys: which one seals, and what every running node reports holding. */
export const keyStatusSchema = z.object({
  /** `environment`: MIANTAN_MASTER_KEY, which cannot rotate without restarts */
  source: z.enum(['file', 'environment']),
  activeKey: z.string(),
  /** more than one key: a rotation stopped part-way, or values that fail authentication keep one */
  keys: z.array(z.string()),
  nodes: z.array(
    z.object({
      host: z.string(),
      pid: z.number().int(),
      startedAt: z.string(),
      seenAt: z.string(),
      activeKey: z.string(),
      /** holds every key of the key file, with the same fingerprints */
      inStep: z.boolean(),
    }),
  ),
});
export type KeyStatus = z.infer<typeof keyStatusSchema>;

export const systemStatusSchema = z.object({
  audit: auditStatusSchema,
  keys: keyStatusSchema,
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;
