import { useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { contentGrantPageSchema } from '../../core/audit.js';
import { request, withQuery } from './client.js';
import type { AuditPage, AuditVerifyReport } from '../../core/audit.js';

/** The actions the server records today; the filter offers these, unknown ones still display. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'auth.password_changed',
  'access.denied',
  'employee.viewed',
  'org.imported',
  'org.import_rejected',
  'org.seeded',
  'user.created',
  'user.disabled',
  'user.enabled',
  'user.unlocked',
  'user.roles_changed',
  'user.content_role_granted',
  'audit.verified',
  'keys.rotated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isKnownAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

export function useAuditLog(action: AuditAction | undefined) {
  return useInfiniteQuery({
    queryKey: ['audit', action],
    queryFn: ({ pageParam }) =>
      request<AuditPage>('GET', withQuery('/api/audit', { action, cursor: pageParam })),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

type ContentGrantPage = z.infer<typeof contentGrantPageSchema>;

/** Every grant of a content role (hr, manager), newest first. */
export function useContentGrants() {
  return useInfiniteQuery({
    queryKey: ['audit', 'content-grants'],
    queryFn: ({ pageParam }) =>
      request<ContentGrantPage>(
        'GET',
        withQuery('/api/audit/content-grants', { cursor: pageParam, limit: 10 }),
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function verifyAudit() {
  return request<AuditVerifyReport>('POST', '/api/audit/verify');
}
