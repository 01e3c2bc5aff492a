import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH } from '../../src/server/lib/audit/chain.js';
import { verifyAuditChain } from '../../src/server/lib/audit/verify.js';
import { DIALECTS, startTestEnv, type TestEnv } from './harness.js';
import { newId, nowIso } from '../../src/server/lib/ids.js';

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

    it("names each entry's target in the list, old schedule entries included, and filters renamed actions under their new name", async () => {
      const hr = await env.as('hr');
      const manager = await env.as('manager');
      const employee = await env.as('employee');
      const employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;
      const employeeName = (await employee.get('/api/auth/session')).body.user.displayName;
      const templates = (await manager.get('/api/templates')).body.items;
      const monthly = templates.find((t: any) => t.code === 'monthly-check-in');
      const created = await hr.post('/api/templates', {
        name: { zh: '审计用模板', en: 'Audit template' },
        definition: {
          sections: [
            {
              key: 's',
              title: { zh: '回顾', en: 'Review' },
              fields: [{ key: 'f', type: 'longText', label: { zh: '总结', en: 'Summary' } }],
            },
          ],
        },
      });
      expect(created.status).toBe(200);
      const topic = `保密主题-${newId()}`;
      const record = await manager.post('/api/records', {
        employeeId,
        templateId: monthly.id,
        topic,
        interviewAt: '2026-12-01T02:00:00.000Z',
        place: '一车间会议室',
        placeKind: 'room',
      });
      expect(record.status).toBe(200);
      const scheduled = await manager.post('/api/schedule', {
        employeeId,
        templateId: monthly.id,
        scheduledAt: '2026-12-02T02:00:00.000Z',
        place: '线上',
        placeKind: 'online',
      });
      expect(scheduled.status).toBe(200);
      // what the version before the schedule's rename wrote: a plan.* entry about a 'plan'
      await db()
        .transaction()
        .execute(async (trx) => {
          const head = await trx
            .updateTable('audit_head')
            .set((eb) => ({ seq: eb('seq', '+', 1) }))
            .where('id', '=', 1)
            .returning(['seq', 'hash'])
            .executeTakeFirstOrThrow();
          const row = {
            seq: Number(head.seq),
            id: newId(),
            at: nowIso(),
            actor_user_id: null,
            ip: null,
            user_agent: null,
            action: 'plan.created',
            outcome: 'ok',
            target_type: 'plan',
            target_id: scheduled.body.id,
            payload: '{}',
            prev_hash: head.hash,
          };
          const hash = entryHash(row);
          await trx
            .insertInto('audit_log')
            .values({ ...row, hash })
            .execute();
          await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
        });

      const auditor = await env.as('auditor');
      const page = await auditor.get('/api/audit?limit=200');
      expect(page.status).toBe(200);
      const entry = (action: string, targetId: string) =>
        page.body.items.find((e: any) => e.action === action && e.targetId === targetId);
      expect(entry('template.created', created.body.id)).toMatchObject({
        targetType: 'template',
        targetName: '审计用模板',
        targetNameEn: 'Audit template',
      });
      expect(entry('record.created', record.body.id)).toMatchObject({
        targetType: 'record',
        targetName: employeeName,
      });
      expect(entry('schedule.created', scheduled.body.id).targetName).toBe(employeeName);
      expect(entry('plan.created', scheduled.body.id).targetName).toBe(employeeName);
      // every entry about someone or something names it
      const named = page.body.items.filter((e: any) =>
        ['user', 'employee', 'template', 'record', 'schedule', 'plan'].includes(e.targetType),
      );
      expect(new Set(named.map((e: any) => e.targetType))).toContain('user');
      expect(named.filter((e: any) => !e.targetName)).toEqual([]);
      // the auditor sees who, never what was said
      expect(JSON.stringify(page.body)).not.toContain(topic);

      const schedules = await auditor.get('/api/audit?action=schedule.created');
      expect(schedules.body.items.map((e: any) => e.action).sort()).toEqual([
        'plan.created',
        'schedule.created',
      ]);
      expect((await auditor.get('/api/audit?action=no.such')).status).toBe(400);
      expect((await verify()).ok).toBe(true);
    });

    it('names the people, departments, regions, templates and records its payloads refer to', async () => {
      const admin = await env.as('admin');
      const manager = await env.as('manager');
      const employee = await env.as('employee');
      const session = (await employee.get('/api/auth/session')).body.user;
      const templates = (await manager.get('/api/templates')).body.items;
      const monthly = templates.find((t: any) => t.code === 'monthly-check-in');
      const scheduled = await manager.post('/api/schedule', {
        employeeId: session.employeeId,
        templateId: monthly.id,
        scheduledAt: '2026-12-02T02:00:00.000Z',
        place: '线上',
        placeKind: 'online',
      });
      expect(scheduled.status).toBe(200);
      const started = await manager.post(`/api/schedule/${scheduled.body.id}/start`);
      expect(started.status).toBe(200);
      const region = (await admin.get('/api/org/regions')).body.items[0];
      const department = (await admin.get('/api/org/departments')).body.items[0];
      const user = (await admin.get('/api/admin/users?q=employee')).body.items.find(
        (u: any) => u.username === 'employee',
      );
      const changed = await admin.request('PUT', `/api/admin/users/${user.id}/roles`, {
        roles: [
          { role: 'hr', scopeKind: 'department', departmentId: department.id },
          { role: 'executive', scopeKind: 'region', regionId: region.id },
        ],
      });
      expect(changed.status).toBe(200);

      const auditor = await env.as('auditor');
      const page = await auditor.get('/api/audit?limit=200');
      expect(page.status).toBe(200);
      const entry = (action: string) => page.body.items.find((e: any) => e.action === action);
      const name = { name: session.displayName, nameEn: null };
      expect(entry('schedule.created').names).toEqual({
        [session.employeeId]: name,
        [monthly.id]: { name: monthly.name.zh, nameEn: monthly.name.en },
      });
      expect(entry('schedule.started').names).toEqual({
        [entry('schedule.started').payload.recordId]: name,
      });
      expect(entry('user.roles_changed').names).toEqual({
        [department.id]: { name: department.name, nameEn: department.nameEn },
        [region.id]: { name: region.name, nameEn: region.nameEn },
      });
      // an entry that refers to nothing carries no names
      expect(entry('auth.login').names).toEqual({});
      // every id a payload holds has its name
      const unnamed = page.body.items.flatMap((e: any) =>
        Object.entries(e.payload as Record<string, unknown>)
          .filter(([key]) => /Id$/.test(key) && key !== 'commentId')
          .filter(([, id]) => typeof id === 'string' && !(id in e.names))
          .map(([key]) => `${e.action}.${key}`),
      );
      expect(unnamed).toEqual([]);
    });
  });
}
