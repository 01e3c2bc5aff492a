import type { CreateAccountsResult } from '../../core/accounts.js';

/**
 * The codes just issued, for the slips page. Held in this tab's memory only, never in storage
 * or the URL: the codes are shown once, and a reload or another tab does not bring them back.
 */
let latest: CreateAccountsResult | null = null;

export function keepSlips(result: CreateAccountsResult): void {
  latest = result;
}

export function issuedSlips(): CreateAccountsResult | null {
  return latest;
}

export const SLIPS_PATH = '/accounts/slips';
