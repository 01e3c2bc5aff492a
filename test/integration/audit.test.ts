import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditVerifyReport } from '../../src/core/audit.js';
import { entryHash, GENESIS_HASH } from '../../src/server/lib/audit/chain.js';
import { checkpointLine, signCheckpoint } from '../../src/server/lib/audit/checkpoints.js';
import { entryMac, loadAuditKeys } from '../../src/server/lib/audit/keys.js';
import { verifyAuditChain } from '../../src/server/lib/audit/verify.js';
import { newId, nowIso } from '../../src/server/lib/ids.js';
import { checkAudit, checkpointAudit } from '../../src/server/modules/audit/service.js';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/seed.js';
import {
  auditActions,
  auditHead,
  DIALECTS,
  runCli,
  startTestEnv,
  type TestEnv,
} from './harness.js';

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
    const verify = async (): Promise<AuditVerifyReport> => {
      const auditor = await env.as('auditor');
      const res = await auditor.post('/api/audit/verify');
      expect(res.status).toBe(200);
      return res.body;
    };
    const kinds = (report: AuditVerifyReport) => report.problems.map((p) => p.kind);
    const checkpointRows = () => db().selectFrom('audit_checkpoints').selectAll().execute();
    const fileLines = () =>
      fs.readFileSync(env.ctx.checkpoints.file, 'utf8').split('\n').filter(Boolean);
    /** what someone with write access to the database does first: switch the guards off */
    const withoutGuards = async (work: () => Promise<unknown>) => {
      for (const table of ['audit_log', 'audit_checkpoints']) {
        if (dialect === 'sqlite') {
          await sql`drop trigger if exists ${sql.raw(`${table}_no_update`)}`.execute(db());
          await sql`drop trigger if exists ${sql.raw(`${table}_no_delete`)}`.execute(db());
        } else {
          await sql`alter table ${sql.raw(table)} disable trigger ${sql.raw(`${table}_no_change`)}`.execute(
            db(),
          );
        }
      }
      await work();
    };
    /** an entry appended by hand after the last one, as the application would write it but without its key */
    const forgeAtEnd = async ({ bumpHead }: { bumpHead: boolean }) => {
      const head = await db().selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
      const row = {
        seq: Number(head.seq) + 1,
        id: newId(),
        at: nowIso(),
        actor_user_id: null,
        ip: '10.6.6.6',
        user_agent: null,
        action: 'auth.login',
        outcome: 'ok',
        target_type: null,
        target_id: null,
        payload: '{"method":"password"}',
        prev_hash: head.hash,
      };
      const hash = entryHash(row);
      await db()
        .insertInto('audit_log')
        .values({ ...row, hash, mac: null })
        .execute();
      if (bumpHead) {
        await db()
          .updateTable('audit_head')
          .set({ seq: row.seq, hash })
          .where('id', '=', 1)
          .execute();
      }
      return row.seq;
    };
    /** recomputes every hash from `from` on, and the head, as an attacker with the database would */
    const recomputeFrom = async (from: number, { stripMacs }: { stripMacs: boolean }) => {
      const rows = await db().selectFrom('audit_log').selectAll().orderBy('seq').execute();
      let prev = GENESIS_HASH;
      for (const row of rows) {
        if (Number(row.seq) < from) {
          prev = row.hash;
          continue;
        }
        const { hash: _old, mac, ...rest } = { ...row, seq: Number(row.seq), prev_hash: prev };
        const hash = entryHash(rest);
        await db()
          .updateTable('audit_log')
          .set({ prev_hash: prev, hash, mac: stripMacs ? null : mac })
          .where('seq', '=', row.seq)
          .execute();
        prev = hash;
      }
      await db().updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute();
    };
    /** audited actions of several kinds: a sign-in, a refused one, a sign-out */
    const auditedActionsStillWork = async () => {
      const hr = env.client();
      expect((await hr.login('hr', DEMO_PASSWORD)).status).toBe(200);
      expect((await env.client().login('hr', 'wrong password')).status).toBe(401);
      expect((await hr.post('/api/auth/logout')).status).toBe(200);
    };

    it('verifies an intact chain, and signs its head into the database and the file', async () => {
      // the harness signs one at start, like `serve`
      expect(await checkpointRows()).toHaveLength(1);
      const report = await verify();
      expect(report).toMatchObject({
        ok: true,
        firstProblem: null,
        problemCount: 0,
        checkpoints: 1,
      });
      expect(report.entries).toBeGreaterThan(10);
      const rows = await checkpointRows();
      expect(rows).toHaveLength(2);
      // the new one covers the entry that recorded the verification
      expect(Math.max(...rows.map((r) => Number(r.seq)))).toBe(await auditHead(env.ctx));
      expect(fileLines().map((l) => JSON.parse(l).seq)).toEqual(rows.map((r) => Number(r.seq)));
      const again = await verify();
      expect(again).toMatchObject({ ok: true, checkpoints: 2, entriesSinceCheckpoint: 1 });
    });

    it('is append-only in the database itself, checkpoints included', async () => {
      await expect(
        sql`update audit_log set payload = '{}' where seq = 2`.execute(db()),
      ).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log where seq = 2`.execute(db())).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`update audit_checkpoints set hash = 'x'`.execute(db())).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`delete from audit_checkpoints`.execute(db())).rejects.toThrow(/append-only/);
      const [checkpoint] = await checkpointRows();
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
        // replacing a checkpoint leaves it as it was
        await sql`insert or replace into audit_checkpoints (seq, hash, at, key_id, macs_from, sig) values (${checkpoint!.seq}, ${'0'.repeat(64)}, 'x', 'x', 1, 'x')`.execute(
          db(),
        );
        expect(await checkpointRows()).toEqual([checkpoint]);
      } else {
        await expect(sql`truncate audit_log`.execute(db())).rejects.toThrow(/append-only/);
        await expect(sql`truncate audit_checkpoints`.execute(db())).rejects.toThrow(/append-only/);
        await expect(
          db()
            .connection()
            .execute(async (conn) => {
              await sql`set session_replication_role = replica`.execute(conn);
              try {
                await sql`delete from audit_checkpoints`.execute(conn);
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
      expect(kinds(report)).toEqual(['modified']);
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
        const {
          hash: _drop,
          mac: _mac,
          ...rest
        } = {
          ...real,
          seq: Number(real.seq),
          payload: '{"forged":true}',
        };
        await sql`delete from audit_log where seq = 5`.execute(db());
        await db()
          .insertInto('audit_log')
          .values({ ...rest, hash: entryHash(rest), mac: null })
          .execute();
      });
      const report = await verify();
      expect(report.firstProblem).toMatchObject({ seq: 5, kind: 'forged' });
    });

    it('names a forged entry appended at the end, and every audited action keeps working', async () => {
      const forged = await forgeAtEnd({ bumpHead: false });
      const report = await verify();
      expect(report.problems).toEqual([
        expect.objectContaining({ seq: forged, kind: 'forged', source: null }),
      ]);
      await auditedActionsStillWork();
      // the entries written since step over it and link to the last real one
      const after = await auditActions(env.ctx, forged);
      expect(after.length).toBeGreaterThan(3);
      const [lastReal] = await auditActions(env.ctx, forged - 2);
      expect(after[0]!.prev_hash).toBe(lastReal!.hash);
      expect(kinds(await verify())).toEqual(['forged']);
    });

    it('names a forged entry appended at the end with the head moved onto it', async () => {
      const forged = await forgeAtEnd({ bumpHead: true });
      const direct = await verifyAuditChain(db(), env.ctx.checkpoints);
      expect(direct.firstProblem).toMatchObject({ seq: forged, kind: 'forged' });
      expect(kinds(direct)).toEqual(['forged', 'head_mismatch']);
      await auditedActionsStillWork();
      // the next entry linked to the head it was shown: that break is named too
      const report = await verify();
      expect(report.firstProblem).toMatchObject({ seq: forged, kind: 'forged' });
      expect(report.problems[1]).toMatchObject({ seq: forged + 1, kind: 'inserted' });
    });

    it('names a chain recomputed wholesale at its first rewritten entry: the MACs do not follow', async () => {
      expect((await verify()).ok).toBe(true); // signs a checkpoint of the current head
      await withoutGuards(async () => {
        await sql`update audit_log set ip = '10.6.6.6' where seq = 3`.execute(db());
        await recomputeFrom(3, { stripMacs: false });
      });
      const report = await verify();
      expect(report.ok).toBe(false);
      expect(report.firstProblem).toMatchObject({ seq: 3, kind: 'forged' });
      expect(kinds(report)).toContain('checkpoint_mismatch');
    });

    it('names a chain recomputed with its MACs stripped: the checkpoints say entries carry them', async () => {
      await withoutGuards(async () => {
        await sql`update audit_log set ip = '10.6.6.6' where seq = 3`.execute(db());
        await recomputeFrom(3, { stripMacs: true });
      });
      const report = await verify();
      expect(report.firstProblem).toMatchObject({ seq: 3, kind: 'forged' });
      expect(report.problems.find((p) => p.seq === 3)!.detail).toMatch(/no MAC/);
    });

    it('notices entries cut from the end', async () => {
      const head = await auditHead(env.ctx);
      await withoutGuards(() => sql`delete from audit_log where seq > ${head - 2}`.execute(db()));
      // straight after the cut, the head row gives it away
      const direct = await verifyAuditChain(db(), env.ctx.checkpoints);
      expect(direct.firstProblem).toMatchObject({ seq: head - 1, kind: 'head_mismatch' });
      // once new entries follow, it is a gap in the sequence
      expect((await verify()).firstProblem).toMatchObject({ seq: head - 1, kind: 'deleted' });
    });

    it('notices a tail cut back past a signed checkpoint, head and all, and signs nothing after it', async () => {
      expect((await verify()).ok).toBe(true);
      const signed = await auditHead(env.ctx);
      const cut = signed - 5;
      await withoutGuards(async () => {
        const last = await db()
          .selectFrom('audit_log')
          .select('hash')
          .where('seq', '=', cut)
          .executeTakeFirstOrThrow();
        await sql`delete from audit_log where seq > ${cut}`.execute(db());
        await db().updateTable('audit_head').set({ seq: cut, hash: last.hash }).execute();
      });
      const direct = await verifyAuditChain(db(), env.ctx.checkpoints);
      expect(direct.problems.at(-1)).toMatchObject({ seq: signed, kind: 'truncated' });
      expect(new Set(kinds(direct))).toEqual(new Set(['truncated']));
      const before = (await checkpointRows()).length;
      expect(await checkpointAudit(env.ctx)).toMatchObject({
        kind: 'refused',
        problem: { kind: 'truncated' },
      });
      expect(await checkpointRows()).toHaveLength(before);
    });

    it('reports a torn last line of the checkpoint file with its line number, and writes past it', async () => {
      const lines = fileLines().length;
      fs.appendFileSync(env.ctx.checkpoints.file, '{"seq":12,"hash":"ab');
      const report = await verify();
      expect(report.problems).toEqual([
        expect.objectContaining({
          seq: null,
          kind: 'checkpoint_unreadable',
          source: 'file',
          line: lines + 1,
        }),
      ]);
      // the next checkpoint starts on a line of its own
      expect(await checkpointAudit(env.ctx)).toMatchObject({ kind: 'signed' });
      expect(JSON.parse(fileLines().at(-1)!).seq).toBe(await auditHead(env.ctx));
      expect(kinds(await verify())).toEqual(['checkpoint_unreadable']);
    });

    it('reports a deleted checkpoint file, and a checkpoint deleted from the database', async () => {
      expect((await verify()).ok).toBe(true);
      const kept = fs.readFileSync(env.ctx.checkpoints.file);
      fs.rmSync(env.ctx.checkpoints.file);
      expect((await verify()).problems).toEqual([
        expect.objectContaining({ seq: null, kind: 'checkpoint_file_missing', source: 'file' }),
      ]);
      fs.writeFileSync(env.ctx.checkpoints.file, kept);
      const [first] = await checkpointRows();
      await withoutGuards(() =>
        sql`delete from audit_checkpoints where seq = ${first!.seq}`.execute(db()),
      );
      expect((await verify()).problems).toEqual([
        expect.objectContaining({
          seq: Number(first!.seq),
          kind: 'checkpoint_missing',
          source: 'file',
          line: 1,
        }),
      ]);
    });

    it('tells checkpoints re-signed with another key from damaged ones', async () => {
      expect((await verify()).ok).toBe(true);
      const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-other-key-'));
      const other = loadAuditKeys(otherDir, null);
      fs.rmSync(otherDir, { recursive: true });
      const [first, second] = await checkpointRows();
      // the attacker's version of both: its chain, its key
      const resigned = [first!, second!].map((r) =>
        signCheckpoint(other, { seq: Number(r.seq), hash: r.hash, macsFrom: 1 }),
      );
      fs.writeFileSync(env.ctx.checkpoints.file, resigned.map(checkpointLine).join(''));
      await withoutGuards(async () => {
        await db()
          .updateTable('audit_checkpoints')
          .set({ key_id: other.keyId, sig: resigned[0]!.sig })
          .where('seq', '=', first!.seq)
          .execute();
        // our key id, a signature that is not ours
        await db()
          .updateTable('audit_checkpoints')
          .set({ sig: resigned[1]!.sig })
          .where('seq', '=', second!.seq)
          .execute();
      });
      const report = await verify();
      expect(report.ok).toBe(false);
      const found = report.problems.map((p) => [p.seq, p.kind, p.source]);
      expect(found).toEqual(
        expect.arrayContaining([
          [Number(first!.seq), 'checkpoint_other_key', 'database'],
          [Number(first!.seq), 'checkpoint_other_key', 'file'],
          [Number(second!.seq), 'checkpoint_signature', 'database'],
          [Number(second!.seq), 'checkpoint_other_key', 'file'],
          [null, 'no_checkpoint', null],
        ]),
      );
      expect(report.problems.find((p) => p.kind === 'checkpoint_other_key')!.detail).toMatch(
        /another key/,
      );
      // and no checkpoint is signed on top of a checkpoint that is not ours
      expect(await checkpointAudit(env.ctx)).toMatchObject({
        kind: 'refused',
        problem: { kind: 'checkpoint_signature' },
      });
    });

    it('signs nothing when the proof fails, and shows the refusal on the status page', async () => {
      const forged = await forgeAtEnd({ bumpHead: false });
      await auditedActionsStillWork();
      const before = await checkpointRows();
      const file = fs.readFileSync(env.ctx.checkpoints.file, 'utf8');
      expect(await checkpointAudit(env.ctx)).toMatchObject({
        kind: 'refused',
        problem: { seq: forged, kind: 'forged' },
      });
      expect((await verify()).ok).toBe(false);
      expect(await checkpointRows()).toEqual(before);
      expect(fs.readFileSync(env.ctx.checkpoints.file, 'utf8')).toBe(file);
      const status = await (await env.as('admin')).get('/api/system/status');
      expect(status.body.audit.refusal).toMatchObject({ seq: forged, kind: 'forged' });
      // the auditors hear of it, once however often the proof is tried
      await checkpointAudit(env.ctx);
      const alerts = (await auditActions(env.ctx)).filter((e) => e.action === 'integrity.failed');
      expect(alerts.map((e) => JSON.parse(e.payload).part)).toEqual(['audit_chain']);
      const notices = await env.ctx.db.kysely
        .selectFrom('notifications')
        .select('kind')
        .where('kind', '=', 'integrity_failed')
        .execute();
      expect(notices.length).toBeGreaterThan(0);
    });

    it('checks the database against an exported copy from the command line', async () => {
      const auditor = await env.as('auditor');
      const exported = await fetch(`${env.url}/api/audit/checkpoints/export`, {
        headers: { cookie: auditor.cookie! },
      });
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toMatch(/ndjson/);
      expect(exported.headers.get('content-disposition')).toMatch(/attachment; filename=/);
      const copy = path.join(env.dataDir, 'copy.jsonl');
      fs.writeFileSync(copy, await exported.text());
      const [exportEntry] = (await auditActions(env.ctx)).filter(
        (e) => e.action === 'audit.checkpoints_exported',
      );
      expect(JSON.parse(exportEntry!.payload)).toEqual({
        checkpoints: 1,
        lastSeq: Number((await checkpointRows())[0]!.seq),
      });

      const intact = await runCli(env, ['verify', '--checkpoints', copy]);
      expect(intact.output).toMatch(/OK: no problems found/);
      expect(intact.code).toBe(0);

      // someone with the machine: the chain rewritten without MACs, every other checkpoint gone
      await withoutGuards(async () => {
        await sql`update audit_log set ip = '10.6.6.6' where seq = 3`.execute(db());
        await recomputeFrom(3, { stripMacs: true });
        await sql`delete from audit_checkpoints`.execute(db());
      });
      fs.rmSync(env.ctx.checkpoints.file);
      const tampered = await runCli(env, ['verify', '--checkpoints', copy, '--json']);
      expect(tampered.code).toBe(1);
      const report = JSON.parse(tampered.stdout) as AuditVerifyReport;
      expect(report.firstProblem).toMatchObject({ seq: 3, kind: 'forged' });
      expect(report.problems.map((p) => [p.kind, p.source])).toEqual(
        expect.arrayContaining([
          ['checkpoint_missing', 'exported'],
          ['checkpoint_mismatch', null],
          ['checkpoint_file_missing', 'file'],
        ]),
      );
      expect(tampered.output).not.toMatch(/\n\s+at /);
      const missingCopy = await checkAudit(env.ctx, `${copy}.gone`);
      expect(missingCopy.problems).toContainEqual(
        expect.objectContaining({ kind: 'checkpoint_file_missing', source: 'exported' }),
      );
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
            .values({ ...row, hash, mac: entryMac(env.ctx.checkpoints.keys.entryKey, hash) })
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
