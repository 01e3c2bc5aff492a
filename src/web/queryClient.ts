import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError, setCsrfToken } from './api/client.js';
import { sessionKey, signedOut } from './session.js';

/**
 * A 401 from any request means the session is gone: marking it signed out makes `RequireSession`
 * send the user to the login page, with a notice when it expired rather than never existed.
 */
function signOutOnAuthError(error: Error): void {
  if (!isApiError(error, 'UNAUTHENTICATED', 'SESSION_EXPIRED')) return;
  setCsrfToken(null);
  queryClient.setQueryData(
    sessionKey,
    signedOut(error.code === 'SESSION_EXPIRED' ? 'expired' : 'unauthenticated'),
  );
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signOutOnAuthError }),
  mutationCache: new MutationCache({ onError: signOutOnAuthError }),
  defaultOptions: {
    queries: {
      // Client errors (403, 404, ...) will not change on retry, nor will stored data that failed
      // its integrity check; network and other server errors might.
      retry: (failures, error) =>
        failures < 2 &&
        !(isApiError(error) && error.status >= 400 && error.status < 500) &&
        !isApiError(error, 'INTEGRITY_FAILED'),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});
