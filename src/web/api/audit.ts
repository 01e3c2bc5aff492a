import { useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { contentGrantPageSchema } from '../../core/audit.js';
import { request, withQuery } from './client.js';
import type { AuditAction, AuditPage, AuditVerifyReport } from '../../core/audit.js';

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
