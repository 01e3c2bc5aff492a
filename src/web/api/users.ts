import { useQuery } from '@tanstack/react-query';
import type { RoleAssignmentInput } from '../../core/roles.js';
import type { NewUserInput, UserView } from '../../core/users.js';
import { request, withQuery } from './client.js';

/** An account as the administrator sees it, with what the administrator may do with it. */
export type AdminUser = UserView;

export const usersKey = ['users'] as const;

export function useUsers(q: string) {
  return useQuery({
    queryKey: [...usersKey, q],
    queryFn: () => request<{ items: UserView[] }>('GET', withQuery('/api/admin/users', { q })),
    select: (data) => data.items,
  });
}

export function createUser(input: NewUserInput) {
  return request<UserView>('POST', '/api/admin/users', input);
}

export function setUserStatus(id: string, status: UserView['status']) {
  return request<UserView>('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, { status });
}

export function setUserRoles(id: string, roles: RoleAssignmentInput[]) {
  return request<UserView>('PUT', `/api/admin/users/${encodeURIComponent(id)}/roles`, { roles });
}

export function unlockUser(id: string) {
  return request<UserView>('POST', `/api/admin/users/${encodeURIComponent(id)}/unlock`);
}
