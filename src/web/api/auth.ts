import type { SessionInfo } from '../../core/auth.js';
import { isApiError, request, setCsrfToken } from './client.js';

/** Signed out carries why, so the login page can say that a session expired. */
export type SessionState =
  { status: 'signed-in'; info: SessionInfo } | { status: 'signed-out'; expired: boolean };

export async function fetchSession(): Promise<SessionState> {
  try {
    const info = await request<SessionInfo>('GET', '/api/auth/session');
    setCsrfToken(info.csrfToken);
    return { status: 'signed-in', info };
  } catch (error) {
    if (isApiError(error, 'UNAUTHENTICATED', 'SESSION_EXPIRED')) {
      setCsrfToken(null);
      return { status: 'signed-out', expired: error.code === 'SESSION_EXPIRED' };
    }
    throw error;
  }
}

export async function login(input: { username: string; password: string }): Promise<SessionInfo> {
  const info = await request<SessionInfo>('POST', '/api/auth/login', input);
  setCsrfToken(info.csrfToken);
  return info;
}

export async function logout(): Promise<void> {
  await request<{ ok: true }>('POST', '/api/auth/logout');
  setCsrfToken(null);
}

export function changePassword(input: { currentPassword: string; newPassword: string }) {
  return request<{ ok: true }>('POST', '/api/auth/password', input);
}
