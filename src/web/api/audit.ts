import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { contentGrantPageSchema } from '../../core/audit.js';
import { request, withQuery } from './client.js';
import type {
  AuditAction,
  AuditCheckpointPage,
  AuditPage,
  AuditVerifyReport,
} from '../../core/audit.js';

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

/** Signed checkpoints, newest first. */
export function useCheckpoints() {
  return useInfiniteQuery({
    queryKey: ['audit', 'checkpoints'],
    queryFn: ({ pageParam }) =>
      request<AuditCheckpointPage>(
        'GET',
        withQuery('/api/audit/checkpoints', { cursor: pageParam, limit: 20 }),
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Every checkpoint as JSON lines, downloaded (and audited) as a copy to keep elsewhere. */
export const CHECKPOINT_EXPORT_URL = '/api/audit/checkpoints/export';

/** The last verification on record: the newest entry that recorded one, or null. */
export function useLastVerification() {
  return useQuery({
    queryKey: ['audit', 'audit.verified', 'last'],
    queryFn: async () =>
      (
        await request<AuditPage>(
          'GET',
          withQuery('/api/audit', { action: 'audit.verified', limit: 1 }),
        )
      ).items[0] ?? null,
  });
}
