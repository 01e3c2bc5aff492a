/**
 * Why a timestamp was not obtained or does not verify. `unreachable`: no answer in time, or not
 * HTTP 200; `malformed`: an answer that is not a TimeStampResp/token; `refused`: a status other
 * than granted; `nonce_mismatch` / `imprint_mismatch`: a token for another request or another
 * hash; `untrusted_signer`: its certificate does not chain to a trust anchor or is not a TSA's;
 * `bad_signature`: the token's CMS signature does not verify.
 */
export const TIMESTAMP_ERROR_CODES = [
  'unreachable',
  'malformed',
  'refused',
  'nonce_mismatch',
  'imprint_mismatch',
  'untrusted_signer',
  'bad_signature',
] as const;
export type TimestampErrorCode = (typeof TIMESTAMP_ERROR_CODES)[number];

export interface TimestampAttempt {
  authority: string;
  code: TimestampErrorCode;
  message: string;
}

export class TimestampError extends Error {
  /** every authority tried, in order; empty when a stored token was verified offline */
  attempts: TimestampAttempt[] = [];

  constructor(
    readonly code: TimestampErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TimestampError';
  }
}

/** After every authority failed: the last one's code, and what each one answered. */
export function allFailed(attempts: TimestampAttempt[]): TimestampError {
  const last = attempts[attempts.length - 1]!;
  const error = new TimestampError(
    last.code,
    `no timestamp authority gave a valid token: ${attempts
      .map((a) => `${a.authority}: ${a.code} (${a.message})`)
      .join('; ')}`,
  );
  error.attempts = attempts;
  return error;
}
