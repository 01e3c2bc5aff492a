import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH } from '../../src/server/lib/audit/chain.js';
import { verifyAuditChain } from '../../src/server/lib/audit/verify.js';
import { DIALECTS, startTestEnv, type TestEnv } from './harness.js';

for (const dialect of DIALECTS) {
  describe(`audit trail (${dialect})`, () => {
    let env: TestEnv;
    beforeEach(async () => {
      env = await startTestEnv(dialect);
      const hr = await env.as('hr');
      await hr.get('/api/directory/employees?limit=1');
      await hr.post('/api/auth/logout');
    });
    afterEach(() => env.close());

    const db = () => env.ctx.db.kysely;
    const verify = async () => {
      const auditor = await env.as('auditor');
      const res = await auditor.post('/api/audit/verify');
      expect(res.status).toBe(200);
      return res.body;
    };
    /** what someone with write access to the database could do: switch the guards off */
    const withoutGuards = async (work: () => Promise<unknown>) => {
      if (dialect === 'sqlite') {
        await sql`drop trigger audit_log_no_update`.execute(db());
        await sql`drop trigger audit_log_no_delete`.execute(db());
      } else {
        await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db());
      }
      await work();
    };

    it('verifies an intact chain and signs a checkpoint of it', async () => {
      const report = await verify();
      expect(report).toMatchObject({ ok: true, firstProblem: null, checkpoints: 0 });
      expect(report.entries).toBeGreaterThan(10);
      expect((await verify()).checkpoints).toBe(1);
    });

    it('is append-only in the database itself', async () => {
      await expect(
        sql`update audit_log set payload = '{}' where seq = 2`.execute(db()),
      ).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log where seq = 2`.execute(db())).rejects.toThrow(
        /append-only/,
      );
      if (dialect === 'sqlite') {
        const row = await db()
          .selectFrom('audit_log')
          .selectAll()
          .where('seq', '=', 2)
          .executeTakeFirstOrThrow();
        await expect(
          sql`insert or replace into audit_log (seq, id, at, action, outcome, payload, prev_hash, hash) values (${row.seq}, ${row.id}, ${row.at}, 'x', 'ok', '{}', ${row.prev_hash}, ${row.hash})`.execute(
            db(),
          ),
        ).rejects.toThrow(/append-only/);
      } else {
        await expect(sql`truncate audit_log`.execute(db())).rejects.toThrow(/append-only/);
        await expect(
          db()
            .connection()
            .execute(async (conn) => {
              await sql`set session_replication_role = replica`.execute(conn);
              try {
                await sql`delete from audit_log where seq = 2`.execute(conn);
              } finally {
                await sql`set session_replication_role = origin`.execute(conn);
              }
            }),
        ).rejects.toThrow(/append-only/);
      }
      expect((await verify()).ok).toBe(true);
    });

    it('names a modified entry', async () => {
      await withoutGuards(() =>
        sql`update audit_log set ip = '10.9.9.9' where seq = 4`.execute(db()),
      );
      const report = await verify();
      expect(report.ok).toBe(false);
      expect(report.firstProblem).toMatchObject({ seq: 4, kind: 'modified' });
    });

    it('names a deleted entry', async () => {
      await withoutGuards(() => sql`delete from audit_log where seq = 6`.execute(db()));
      expect((await verify()).firstProblem).toMatchObject({ seq: 6, kind: 'deleted' });
    });

    it('names a forged entry put in place of a real one', async () => {
      await withoutGuards(async () => {
        const real = await db()
          .selectFrom('audit_log')
          .selectAll()
          .where('seq', '=', 5)
          .executeTakeFirstOrThrow();
        const forged = {
          ...real,
          seq: Number(real.seq),
          payload: '{"forged":true}',
          prev_hash: real.prev_hash,
        };
        const { hash: _drop, ...rest } = forged;
        await sql`delete from audit_log where seq = 5`.execute(db());
        await db()
          .insertInto('audit_log')
          .values({ ...rest, hash: entryHash({ ...rest, prev_hash: GENESIS_HASH }) })
          .execute();
      });
      const report = await verify();
      expect(report.firstProblem).toMatchObject({ seq: 5, kind: 'modified' });
    });

    it('catches a chain recomputed wholesale with the signed checkpoint kept outside the database', async () => {
      expect((await verify()).ok).toBe(true); // writes a checkpoint
      await withoutGuards(async () => {
        await sql`update audit_log set ip = '10.6.6.6' where seq = 3`.execute(db());
        // recompute every hash after it, and the head, as an attacker with the database would
        const rows = await db().selectFrom('audit_log').selectAll().orderBy('seq').execute();
        let prev = GENESIS_HASH;
        for (const row of rows) {
          const { hash: _old, ...rest } = { ...row, seq: Number(row.seq), prev_hash: prev };
          const hash = entryHash(rest);
          await db()
            .updateTable('audit_log')
            .set({ prev_hash: prev, hash })
            .where('seq', '=', row.seq)
            .execute();
          prev = hash;
        }
        await db().updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute();
      });
      const report = await verify();
      expect(report.ok).toBe(false);
      expect(report.problems.map((p: any) => p.kind)).toEqual(['checkpoint_mismatch']);
    });

    it('notices entries cut from the end', async () => {
      const head = Number(
        (await db().selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq,
      );
      await withoutGuards(() => sql`delete from audit_log where seq > ${head - 2}`.execute(db()));
      // straight after the cut, the head row gives it away
      const direct = await verifyAuditChain(db(), env.ctx.checkpoints);
      expect(direct.firstProblem).toMatchObject({ seq: head - 1, kind: 'head_mismatch' });
      // once new entries follow, it is a gap in the sequence
      expect((await verify()).firstProblem).toMatchObject({ seq: head - 1, kind: 'deleted' });
    });
  });
}
