/**
 * Every column that holds an envelope ciphertext, with the field name bound into its AAD.
 * Key rotation walks this list, so a new encrypted column must be added here.
 */
export const ENCRYPTED_COLUMNS = [
  { table: 'employees', column: 'phone_enc', field: 'phone' },
  { table: 'records', column: 'content_enc', field: 'content' },
  { table: 'records', column: 'confidential_enc', field: 'confidential' },
  { table: 'records', column: 'employee_content_enc', field: 'employee_content' },
  { table: 'records', column: 'return_comment_enc', field: 'return_comment' },
  { table: 'record_versions', column: 'snapshot_enc', field: 'snapshot' },
  { table: 'private_notes', column: 'body_enc', field: 'body' },
  { table: 'record_comments', column: 'body_enc', field: 'body' },
  { table: 'record_attachments', column: 'file_name_enc', field: 'file_name' },
  { table: 'record_attachments', column: 'data_key_enc', field: 'data_key' },
  { table: 'record_signatures', column: 'reason_enc', field: 'reason' },
  { table: 'record_signatures', column: 'handwriting_enc', field: 'handwriting' },
] as const;
