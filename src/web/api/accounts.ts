import { useQuery } from '@tanstack/react-query';
import type {
  ActivateInput,
  ActivationSettings,
  CreateAccountsInput,
  CreateAccountsResult,
} from '../../core/accounts.js';
import type { SessionInfo } from '../../core/auth.js';
import { request, setCsrfToken } from './client.js';

export function useActivationSettings(enabled: boolean) {
  return useQuery({
    queryKey: ['activation-settings'],
    queryFn: () => request<ActivationSettings>('GET', '/api/accounts/activation-settings'),
    enabled,
  });
}

export function createAccounts(input: CreateAccountsInput) {
  return request<CreateAccountsResult>('POST', '/api/accounts', input);
}

export function reissueActivation(userId: string, email: boolean) {
  return request<CreateAccountsResult>(
    'POST',
    `/api/accounts/${encodeURIComponent(userId)}/activation`,
    { email },
  );
}

/** The first sign-in with an activation code: sets the password and signs in. */
export async function activate(input: ActivateInput): Promise<SessionInfo> {
  const info = await request<SessionInfo>('POST', '/api/auth/activate', input);
  setCsrfToken(info.csrfToken);
  return info;
}
