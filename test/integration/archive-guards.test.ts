import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/schema.js';
import { masterKeyIdOf } from '../../src/server/lib/crypto/envelope.js';
import { rotateMasterKey } from '../../src/server/modules/keys/rotate.js';
import {
  archiveInDatabase,
  COMPLETE_ANNUAL_REVIEW,
  DIALECTS,
  recordBasics,
  startTestEnv,
  templateIdOf,
  type Client,
  type TestEnv,
} from './harness.js';

/**
 * Archived rows never change, refused by the database itself: direct SQL against an archived
 * record, its versions, participants and attachments fails on both dialects (SECURITY checks 8,
 * 9), while the same statements on a record not archived go through. Key rotation still re-wraps
 * the envelopes of archived records.
 */
for (const dialect of DIALECTS) {
  describe(`archived records refuse every change in the database (${dialect})`, () => {
    let env: TestEnv;
    let db: Kysely<Database>;
    let manager: Client;
    let archivedId = '';
    let draftId = '';
    let participantId = '';

    const refused = async (statement: Promise<unknown>) =>
      expect(statement).rejects.toThrow(/RECORD_ARCHIVED/);

    beforeAll(async () => {
      env = await startTestEnv(dialect);
      db = env.ctx.db.kysely;
      manager = await env.as('manager');
      const employee = await env.as('employee');
      const employeeId = (await employee.get('/api/auth/session')).body.user.employeeId as string;
      const team = await manager.get('/api/directory/employees?team=mine&limit=5');
      participantId = (team.body.items as { id: string }[]).find(
        (e) => e.id !== employeeId && e.id !== team.body.items[0]?.managerId,
      )!.id;
      const create = async () => {
        const res = await manager.post('/api/records', {
          employeeId,
          templateId: await templateIdOf(manager),
          ...recordBasics('归档保护'),
          content: COMPLETE_ANNUAL_REVIEW,
        });
        expect(res.status).toBe(200);
        return res.body.id as string;
      };
      archivedId = await create();
      draftId = await create();
      const submitted = await manager.post(`/api/records/${archivedId}/submit`, undefined, {
        headers: { 'if-match': '"1"' },
      });
      expect(submitted.status).toBe(200);
      await archiveInDatabase(env, archivedId);
    }, 120_000);
    afterAll(() => env?.close());

    it('refuses UPDATE and DELETE of an archived record, and lets a draft change', async () => {
      await refused(
        db.updateTable('records').set({ topic: '改过' }).where('id', '=', archivedId).execute(),
      );
      await refused(
        db.updateTable('records').set({ state: 'draft' }).where('id', '=', archivedId).execute(),
      );
      await refused(db.deleteFrom('records').where('id', '=', archivedId).execute());
      await db
        .updateTable('records')
        .set({ topic: '草稿可改' })
        .where('id', '=', draftId)
        .execute();
      const row = await db
        .selectFrom('records')
        .select(['topic', 'state'])
        .where('id', '=', archivedId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ topic: '归档保护', state: 'archived' });
    });

    it('refuses replacing an archived record by an insert', async () => {
      if (dialect === 'sqlite')
        await refused(
          sql`insert or replace into records select * from records where id = ${archivedId}`.execute(
            db,
          ),
        );
      else
        await refused(
          sql`insert into records select * from records where id = ${archivedId}
            on conflict (id) do update set topic = '改过'`.execute(db),
        );
    });

    it('refuses changes to the versions of an archived record, past the one archive version', async () => {
      await refused(
        db
          .updateTable('record_versions')
          .set({ changed: '[]' })
          .where('record_id', '=', archivedId)
          .execute(),
      );
      await refused(db.deleteFrom('record_versions').where('record_id', '=', archivedId).execute());
      // a second archive version, or any other new version
      for (const action of ['archive', 'edit'])
        await refused(
          sql`insert into record_versions
            select ${`${action}-again-` + archivedId}, record_id, revision + 2, state, ${action},
              actor_user_id, at, changed, snapshot_enc
            from record_versions where id = ${'archive-' + archivedId}`.execute(db),
        );
      if (dialect === 'sqlite')
        await refused(
          sql`insert or replace into record_versions select * from record_versions
            where id = ${'archive-' + archivedId}`.execute(db),
        );
      await db
        .updateTable('record_versions')
        .set({ changed: '[]' })
        .where('record_id', '=', draftId)
        .execute();
    });

    it('refuses adding or removing participants and attachments of an archived record', async () => {
      await refused(
        db
          .insertInto('record_participants')
          .values({ record_id: archivedId, employee_id: participantId })
          .execute(),
      );
      await db
        .insertInto('record_participants')
        .values({ record_id: draftId, employee_id: participantId })
        .execute();
      const uploader = await db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
      const attachment = (recordId: string) => ({
        id: `att-${recordId}`,
        record_id: recordId,
        part: 'interviewer' as const,
        audience: 'all' as const,
        file_name_enc: 'x',
        media_type: 'application/pdf',
        size_bytes: 1,
        sha256: '00',
        storage_key: `key-${recordId}`,
        data_key_enc: 'x',
        uploaded_by: uploader.id,
        created_at: new Date().toISOString(),
      });
      await refused(db.insertInto('record_attachments').values(attachment(archivedId)).execute());
      await db.insertInto('record_attachments').values(attachment(draftId)).execute();
      await db.deleteFrom('record_attachments').where('record_id', '=', draftId).execute();
    });

    // SQLite has neither replication roles nor TRUNCATE
    if (dialect === 'postgres')
      it('holds under replication mode and against TRUNCATE', async () => {
        await db.connection().execute(async (conn) => {
          await sql`set session_replication_role = replica`.execute(conn);
          try {
            await refused(
              conn
                .updateTable('records')
                .set({ topic: '改过' })
                .where('id', '=', archivedId)
                .execute(),
            );
            await refused(
              conn.deleteFrom('record_versions').where('record_id', '=', archivedId).execute(),
            );
          } finally {
            await sql`set session_replication_role = origin`.execute(conn);
          }
        });
        for (const table of ['record_versions', 'record_participants', 'record_attachments'])
          await refused(sql`truncate ${sql.table(table)}`.execute(db));
        await refused(sql`truncate records cascade`.execute(db));
      });

    it('lets master-key rotation re-wrap an archived record, and nothing else through', async () => {
      const before = await db
        .selectFrom('records')
        .select('content_enc')
        .where('id', '=', archivedId)
        .executeTakeFirstOrThrow();
      const result = await rotateMasterKey(env.ctx, {
        keyFile: env.ctx.config.keyFile,
        reencrypt: false,
        waitMs: 30_000,
        log: () => undefined,
      });
      expect(result.unreadable).toEqual([]);
      const after = await db
        .selectFrom('records')
        .select('content_enc')
        .where('id', '=', archivedId)
        .executeTakeFirstOrThrow();
      expect(masterKeyIdOf(after.content_enc)).toBe(result.activeKey);
      expect(masterKeyIdOf(after.content_enc)).not.toBe(masterKeyIdOf(before.content_enc));
      // the window closed with the rotation's transactions
      expect(await db.selectFrom('archive_maintenance').selectAll().execute()).toEqual([]);
      await refused(
        db.updateTable('records').set({ topic: '改过' }).where('id', '=', archivedId).execute(),
      );
      const read = await manager.get(`/api/records/${archivedId}`);
      expect(read.status).toBe(200);
      expect(read.body.content.reviewSummary).toBe(COMPLETE_ANNUAL_REVIEW.reviewSummary);
    }, 120_000);
  });
}
