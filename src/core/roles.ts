import { z } from 'zod';

export const ROLES = ['admin', 'hr', 'manager', 'executive', 'employee', 'auditor'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * Where a role applies. `team` is a manager's own department subtree plus its direct reports,
 * resolved from the org tree on every request so that moving a manager moves its scope at once.
 */
export const SCOPE_KINDS = ['org', 'region', 'department', 'team', 'self'] as const;
export const scopeKindSchema = z.enum(SCOPE_KINDS);
export type ScopeKind = z.infer<typeof scopeKindSchema>;

export const roleAssignmentInputSchema = z
  .object({
    role: roleSchema,
    scopeKind: scopeKindSchema,
    regionId: z.string().min(1).optional(),
    departmentId: z.string().min(1).optional(),
  })
  .superRefine((value, ctx) => {
    const allowed = ALLOWED_SCOPES[value.role];
    if (!allowed.includes(value.scopeKind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['scopeKind'],
        message: `role ${value.role} takes scope ${allowed.join(' | ')}`,
      });
    }
    if (value.scopeKind === 'region' && !value.regionId) {
      ctx.addIssue({ code: 'custom', path: ['regionId'], message: 'regionId is required' });
    }
    if (value.scopeKind === 'department' && !value.departmentId) {
      ctx.addIssue({ code: 'custom', path: ['departmentId'], message: 'departmentId is required' });
    }
  });
export type RoleAssignmentInput = z.infer<typeof roleAssignmentInputSchema>;

export const ALLOWED_SCOPES: Record<Role, readonly ScopeKind[]> = {
  admin: ['org'],
  auditor: ['org'],
  hr: ['org', 'region', 'department'],
  executive: ['org', 'region', 'department'],
  manager: ['team'],
  employee: ['self'],
};
