import { useQuery } from '@tanstack/react-query';
import type { SessionInfo } from '../core/auth.js';
import { fetchSession, type SessionState } from './api/auth.js';

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

export function signedOut(expired: boolean): SessionState {
  return { status: 'signed-out', expired };
}
