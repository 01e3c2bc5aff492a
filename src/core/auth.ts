import { z } from 'zod';

export const loginSchema = z.object({
  username: z.string().trim().min(1).max(128),
  // length is checked when a password is set; here only a bound against abuse
  password: z.string().min(1).max(1024),
});

export type LoginInput = z.infer<typeof loginSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const sessionInfoSchema = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    employeeId: z.string().nullable(),
    locale: z.string(),
  }),
  roles: z.array(z.object({ role: z.string(), scope: z.string() })),
  abilities: z.object({
    directory: z.boolean(),
    importOrg: z.boolean(),
    manageUsers: z.boolean(),
    createAccounts: z.boolean(),
    readAudit: z.boolean(),
    manageBackups: z.boolean(),
    readSystem: z.boolean(),
    readTemplates: z.boolean(),
    manageTemplates: z.boolean(),
    interview: z.boolean(),
  }),
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
