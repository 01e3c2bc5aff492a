import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // A file attached to a record. The bytes live in the storage (local disk by default), encrypted
  // in chunks under the file's own data key; the data key is wrapped here by the master key, so
  // key rotation re-wraps a column, not a file. The name is encrypted like the content: a file
  // name ("张三 警告信.pdf") says as much as the text.
  await db.schema
    .createTable('record_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    // whose part of the record it belongs to: the interviewer's draft or the employee's feedback
    .addColumn('part', 'text', (c) => c.notNull().check(sqlIn('part', ['interviewer', 'employee'])))
    // 'managers': an interviewer's attachment the employee does not see (like a manager-only field)
    .addColumn('audience', 'text', (c) => c.notNull().check(sqlIn('audience', ['all', 'managers'])))
    .addColumn('file_name_enc', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    // of the plaintext, hex
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('data_key_enc', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_attachments_by_record')
    .on('record_attachments')
    .columns(['record_id', 'created_at'])
    .execute();
}

function sqlIn(column: string, values: string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
