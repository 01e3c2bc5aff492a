import type { ChangePasswordInput, LoginInput, SessionInfo } from '../../core/auth.js';
import { isApiError, request, setCsrfToken } from './client.js';

/**
 * Why there is no session decides what the login page does: `expired` shows a notice, and after
 * `logout` signing in starts at home rather than on the previous person's page.
 */
export type SignedOutReason = 'unauthenticated' | 'expired' | 'logout';

export type SessionState =
  { status: 'signed-in'; info: SessionInfo } | { status: 'signed-out'; reason: SignedOutReason };

export async function fetchSession(): Promise<SessionState> {
  try {
    const info = await request<SessionInfo>('GET', '/api/auth/session');
    setCsrfToken(info.csrfToken);
    return { status: 'signed-in', info };
  } catch (error) {
    if (isApiError(error, 'UNAUTHENTICATED', 'SESSION_EXPIRED')) {
      setCsrfToken(null);
      return {
        status: 'signed-out',
        reason: error.code === 'SESSION_EXPIRED' ? 'expired' : 'unauthenticated',
      };
    }
    throw error;
  }
}

export async function login(input: LoginInput): Promise<SessionInfo> {
  const info = await request<SessionInfo>('POST', '/api/auth/login', input);
  setCsrfToken(info.csrfToken);
  return info;
}

export async function logout(): Promise<void> {
  await request<{ ok: true }>('POST', '/api/auth/logout');
  setCsrfToken(null);
}

export function changePassword(input: ChangePasswordInput) {
  return request<{ ok: true }>('POST', '/api/auth/password', input);
}
