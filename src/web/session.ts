import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../core/auth.js';
import { fetchSession, type SessionState, type SignedOutReason } from './api/auth.js';

export const sessionKey = ['session'] as const;

export function useSessionQuery() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity });
}

/** The signed-in session; only for components rendered inside `RequireSession`. */
export function useSession(): SessionInfo {
  const { data } = useSessionQuery();
  if (data?.status !== 'signed-in') throw new Error('useSession used outside RequireSession');
  return data.info;
}

export function signedOut(reason: SignedOutReason): SessionState {
  return { status: 'signed-out', reason };
}

/**
 * Switches the session and drops every other cached answer: it belonged to the previous user, and
 * the next person at this browser must not see it.
 */
export function replaceSession(queryClient: QueryClient, state: SessionState): void {
  queryClient.setQueryData(sessionKey, state);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}
