import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { inboxSchema } from '../../core/notifications.js';
import { request } from './client.js';

export type Inbox = z.infer<typeof inboxSchema>;
export type Notice = Inbox['items'][number];

export const inboxKey = ['inbox'] as const;

/** The in-app inbox; looked at again every minute while the app is open. */
export function useInbox() {
  return useQuery({
    queryKey: inboxKey,
    queryFn: () => request<Inbox>('GET', '/api/inbox'),
    staleTime: 15_000,
    refetchInterval: 60_000,
  });
}

export function markRead(id: string) {
  return request<{ ok: true }>('POST', `/api/inbox/${encodeURIComponent(id)}/read`);
}

export function markAllRead() {
  return request<{ ok: true }>('POST', '/api/inbox/read-all');
}
