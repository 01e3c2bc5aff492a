import { z } from 'zod';
import { departmentPathSchema } from './org.js';

/**
 * Activation codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown
 * in groups of four. 31^12 ≈ 2^59 possibilities against a handful of tries per code.
 */
export const ACTIVATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ACTIVATION_CODE_LENGTH = 12;

/** What people type, as it is hashed: case, spaces and dashes do not matter. */
export function normaliseActivationCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

/** The code as printed: `ABCD-EFGH-JKMN`. */
export function formatActivationCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** The sign-in name of an employee's account: its employee number in lower case (`e100006`). */
export const usernameOfEmployee = (employeeNo: string) => employeeNo.toLowerCase();

/** Whom to create accounts for: chosen people, a department with its subtree, or everyone. */
export const accountTargetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('selection'),
    employeeIds: z.array(z.string().max(64)).min(1).max(1000),
  }),
  z.object({ kind: z.literal('department'), departmentId: z.string().max(64) }),
  z.object({ kind: z.literal('everyone') }),
]);
export type AccountTarget = z.infer<typeof accountTargetSchema>;

export const createAccountsSchema = z.object({
  target: accountTargetSchema,
  /** also e-mail each code to the people who have an address (only with SMTP configured) */
  email: z.boolean().default(false),
});
export type CreateAccountsInput = z.input<typeof createAccountsSchema>;

/** One printed slip: everything a person needs for its first sign-in. Shown once. */
export const activationSlipSchema = z.object({
  userId: z.string(),
  name: z.string(),
  employeeNo: z.string().nullable(),
  departmentPath: departmentPathSchema,
  username: z.string(),
  code: z.string(),
  expiresAt: z.string(),
  /** the code went out by e-mail too */
  mailed: z.boolean(),
});
export type ActivationSlip = z.infer<typeof activationSlipSchema>;

export const createAccountsResultSchema = z.object({
  created: z.number().int(),
  /** people in the target who already had an account */
  skipped: z.number().int(),
  mailed: z.number().int(),
  /** e-mails the relay did not accept: those people need their slip */
  mailFailed: z.number().int(),
  signInUrl: z.string(),
  slips: z.array(activationSlipSchema),
});
export type CreateAccountsResult = z.infer<typeof createAccountsResultSchema>;

export const reissueActivationSchema = z.object({ email: z.boolean().default(false) });

/** How codes can be delivered here, for the page that creates accounts. */
export const activationSettingsSchema = z.object({
  email: z.boolean(),
  expiryDays: z.number().int(),
});
export type ActivationSettings = z.infer<typeof activationSettingsSchema>;

export const activateSchema = z.object({
  username: z.string().trim().min(1).max(128),
  code: z.string().min(1).max(64),
  // the rules are checked when it is set (length, common passwords)
  password: z.string().min(1).max(1024),
});
export type ActivateInput = z.infer<typeof activateSchema>;
