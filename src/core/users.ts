import { z } from 'zod';
import { roleAssignmentInputSchema, roleSchema, scopeKindSchema } from './roles.js';
import { singleLine } from './text.js';

export const userRoleSchema = z.object({
  role: roleSchema,
  scopeKind: scopeKindSchema,
  regionId: z.string().nullable(),
  departmentId: z.string().nullable(),
});

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  employeeId: z.string().nullable(),
  employeeNo: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  lockedUntil: z.string().nullable(),
  roles: z.array(userRoleSchema),
  /** what the signed-in administrator may do with this account (never change its own roles) */
  abilities: z.object({
    editRoles: z.boolean(),
    disable: z.boolean(),
    /** a new activation code: the administrator's reset of a password, never of its own */
    resetActivation: z.boolean(),
  }),
});
export type UserView = z.infer<typeof userSchema>;
export type UserRole = z.infer<typeof userRoleSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._@-]+$/, 'letters, digits and . _ @ - only');

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: singleLine(100, 1),
  employeeId: z.string().max(64).optional(),
  password: z.string().min(1).max(1024),
  roles: z.array(roleAssignmentInputSchema).max(50).default([]),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;
/** What a client sends: roles may be left out (none). */
export type NewUserInput = z.input<typeof createUserSchema>;

export const setRolesSchema = z.object({ roles: z.array(roleAssignmentInputSchema).max(50) });
export const setStatusSchema = z.object({ status: z.enum(['active', 'disabled']) });
export const userListQuerySchema = z.object({ q: z.string().trim().max(64).optional() });
