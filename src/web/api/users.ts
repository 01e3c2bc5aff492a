import { useQuery } from '@tanstack/react-query';
import type { RoleAssignmentInput } from '../../core/roles.js';
import type { UserView } from '../../core/users.js';
import { request, withQuery } from './client.js';

/** An account as the administrator sees it, with what the administrator may do with it. */
export type AdminUser = UserView;

export const usersKey = ['users'] as const;

export function useUsers(q: string) {
  return useQuery({
    queryKey: [...usersKey, q],
    queryFn: () => request<{ items: AdminUser[] }>('GET', withQuery('/api/admin/users', { q })),
    select: (data) => data.items,
  });
}

export interface NewUser {
  username: string;
  displayName: string;
  employeeId?: string;
  password: string;
  roles?: RoleAssignmentInput[];
}

export function createUser(input: NewUser) {
  return request<AdminUser>('POST', '/api/admin/users', input);
}

export function setUserStatus(id: string, status: AdminUser['status']) {
  return request<AdminUser>('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, { status });
}

export function setUserRoles(id: string, roles: RoleAssignmentInput[]) {
  return request<AdminUser>('PUT', `/api/admin/users/${encodeURIComponent(id)}/roles`, { roles });
}

export function unlockUser(id: string) {
  return request<AdminUser>('POST', `/api/admin/users/${encodeURIComponent(id)}/unlock`);
}
