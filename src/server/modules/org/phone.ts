import { encrypt } from '../../lib/crypto/envelope.js';
import { openStored } from '../../lib/crypto/integrity.js';
import type { Keyring } from '../../lib/crypto/keyring.js';

/** An employee's phone number at rest: personal data, envelope-encrypted in its row. */
const phoneAt = (employeeId: string) => ({ table: 'employees', id: employeeId, field: 'phone' });

export function sealPhone(keyring: Keyring, employeeId: string, phone: string): string {
  return encrypt(keyring, phoneAt(employeeId), phone);
}

/** The phone number; one that fails authentication answers INTEGRITY_FAILED naming it. */
export function openPhone(keyring: Keyring, employeeId: string, envelope: string): string {
  return openStored(keyring, phoneAt(employeeId), envelope, {
    part: 'phone',
    recordId: null,
    revision: null,
  });
}
