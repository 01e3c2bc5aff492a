/**
 * Every column that holds an envelope ciphertext, with the field name bound into its AAD.
 * Key rotation walks this list, so a new encrypted column must be added here.
 */
export const ENCRYPTED_COLUMNS = [
  { table: 'employees', column: 'phone_enc', field: 'phone' },
] as const;
