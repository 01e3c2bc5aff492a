import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // One row per PDF handed out: what a verification later compares against. The PDF itself is not
  // kept (it is made again on request); its hash, and the hash of the record as that reader saw
  // it, are enough to tell an issued copy from a modified one and a record changed since.
  await db.schema
    .createTable('record_pdfs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    // printed on the PDF and typed on the verification page
    .addColumn('code', 'text', (c) => c.notNull().unique())
    // the canonical view the reader had: the employee's, or the whole record
    .addColumn('view', 'text', (c) => c.notNull().check(sql.raw(`view in ('employee', 'full')`)))
    .addColumn('language', 'text', (c) =>
      c.notNull().check(sql.raw(`language in ('zh-CN', 'en-US')`)),
    )
    .addColumn('record_sha256', 'text', (c) => c.notNull())
    .addColumn('pdf_sha256', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_pdfs_by_pdf_sha256')
    .on('record_pdfs')
    .column('pdf_sha256')
    .execute();
  await db.schema
    .createIndex('record_pdfs_by_record')
    .on('record_pdfs')
    .columns(['record_id', 'issued_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
