import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMPLETE_ANNUAL_REVIEW,
  DIALECTS,
  importFile,
  startTestEnv,
  type Client,
  type Reply,
  type TestEnv,
  recordBasics,
  templateIdOf,
} from './harness.js';

/**
 * Stored values changed behind the application's back, as someone with database access would:
 * one flipped byte of ciphertext, or a ciphertext moved from another row. Each is named
 * (INTEGRITY_FAILED), contained (the other versions and comments are still served; nothing is
 * written over it) and audited (one entry and one notice to the auditors per value per hour).
 */

/** The envelope with one bit of its data ciphertext changed (the first base64url character). */
function flipped(envelope: string): string {
  const parts = envelope.split('.');
  const body = parts[6]!;
  parts[6] = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
  return parts.join('.');
}

for (const dialect of DIALECTS) {
  describe(`tampered data is named, contained and audited (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let employee: Client;
    let hr: Client;
    let auditor: Client;
    let employeeId: string;
    let annualId: string;
    let auditorAccounts: number;
    const db = () => env.ctx.db.kysely;
    const basics = recordBasics();

    beforeAll(async () => {
      env = await startTestEnv(dialect);
      manager = await env.as('manager');
      employee = await env.as('employee');
      hr = await env.as('hr');
      auditor = await env.as('auditor');
      employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;
      annualId = await templateIdOf(manager);
      const auditors = await db()
        .selectFrom('role_assignments')
        .select('user_id')
        .distinct()
        .where('role', '=', 'auditor')
        .execute();
      auditorAccounts = auditors.length;
      expect(auditorAccounts).toBeGreaterThan(0);
    });
    afterAll(() => env.close());

    const at = (revision: number) => ({ headers: { 'if-match': `"${revision}"` } });

    async function newRecord(content: Record<string, unknown> = COMPLETE_ANNUAL_REVIEW) {
      const res = await manager.post('/api/records', {
        employeeId,
        templateId: annualId,
        ...basics,
        content,
      });
      expect(res.status).toBe(200);
      return { id: res.body.id as string, revision: res.body.revision as number };
    }

    async function act(c: Client, id: string, action: string, revision: number, body?: unknown) {
      const res = await c.post(`/api/records/${id}/${action}`, body, at(revision));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.revision as number;
    }

    function saveDraft(id: string, revision: number, content: Record<string, unknown>) {
      return manager.request('PUT', `/api/records/${id}`, { ...basics, content }, at(revision));
    }

    async function recordRow(id: string) {
      return db().selectFrom('records').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    }

    async function versionRows(recordId: string) {
      return db()
        .selectFrom('record_versions')
        .selectAll()
        .where('record_id', '=', recordId)
        .orderBy('revision')
        .execute();
    }

    async function tamperRecord(
      id: string,
      column: 'content_enc' | 'confidential_enc' | 'employee_content_enc',
      value?: string,
    ) {
      const row = await recordRow(id);
      const bad = value ?? flipped(row[column]);
      await db()
        .updateTable('records')
        .set({ [column]: bad })
        .where('id', '=', id)
        .execute();
      return bad;
    }

    /** The integrity entries naming this stored row. */
    async function entriesFor(rowId: string) {
      const rows = await db()
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'integrity.failed')
        .orderBy('seq')
        .execute();
      return rows.filter((r) => JSON.parse(r.payload).rowId === rowId);
    }

    async function integrityNotices(): Promise<number> {
      const rows = await db()
        .selectFrom('notifications')
        .select('id')
        .where('kind', '=', 'integrity_failed')
        .execute();
      return rows.length;
    }

    function expectIntegrityFailed(res: Reply, named: Record<string, unknown>) {
      expect(res.status, JSON.stringify(res.body)).toBe(500);
      expect(res.body.error.code).toBe('INTEGRITY_FAILED');
      expect(res.body.error.details).toEqual(named);
    }

    it('names a flipped byte in the content, audits it once, tells the auditors, and refuses to save over it', async () => {
      const { id, revision } = await newRecord();
      const notices = await integrityNotices();
      const bad = await tamperRecord(id, 'content_enc');
      const named = { table: 'records', rowId: id, part: 'content', recordId: id, revision: null };

      expectIntegrityFailed(await manager.get(`/api/records/${id}`), named);
      const [entry, ...more] = await entriesFor(id);
      expect(more).toEqual([]);
      expect(entry).toMatchObject({
        outcome: 'failed',
        target_type: 'record',
        target_id: id,
        actor_user_id: expect.any(String),
      });
      // where the value sits and what it is, never what it says
      expect(JSON.parse(entry!.payload)).toEqual(named);
      expect(await integrityNotices()).toBe(notices + auditorAccounts);
      const inbox = await auditor.get('/api/inbox');
      expect(inbox.body.items[0]).toMatchObject({
        kind: 'integrity_failed',
        recordId: null,
        topic: null,
        available: true,
      });

      // the draft's save would replace the evidence: refused, nothing written
      const versionsBefore = await versionRows(id);
      expectIntegrityFailed(await saveDraft(id, revision, { reviewSummary: '覆盖' }), named);
      const after = await recordRow(id);
      expect(after.content_enc).toBe(bad);
      expect(after.revision).toBe(revision);
      expect(await versionRows(id)).toEqual(versionsBefore);
      // so is any action that folds the record into a version
      expectIntegrityFailed(
        await manager.post(`/api/records/${id}/submit`, {}, at(revision)),
        named,
      );
      expect((await recordRow(id)).state).toBe('draft');

      // met again and again within the hour: still one entry and one notice each
      expect(await entriesFor(id)).toHaveLength(1);
      expect(await integrityNotices()).toBe(notices + auditorAccounts);
    });

    it('names a ciphertext moved from another record, and still serves that other record', async () => {
      const source = await newRecord({ reviewSummary: '另一条记录的内容' });
      const target = await newRecord();
      const moved = (await recordRow(source.id)).content_enc;
      await tamperRecord(target.id, 'content_enc', moved);
      expectIntegrityFailed(await manager.get(`/api/records/${target.id}`), {
        table: 'records',
        rowId: target.id,
        part: 'content',
        recordId: target.id,
        revision: null,
      });
      const intact = await manager.get(`/api/records/${source.id}`);
      expect(intact.status).toBe(200);
      expect(intact.body.content.reviewSummary).toBe('另一条记录的内容');
      expect(await entriesFor(target.id)).toHaveLength(1);
      expect(await entriesFor(source.id)).toHaveLength(0);
    });

    it('marks one bad version in the history and serves the others; the employee sees it marked too', async () => {
      const { id, revision: created } = await newRecord();
      const submitted = await act(manager, id, 'submit', created);
      const withdrawn = await act(manager, id, 'withdraw', submitted);
      const saved = await saveDraft(id, withdrawn, {
        ...COMPLETE_ANNUAL_REVIEW,
        reviewSummary: '修订后的总结',
      });
      expect(saved.status).toBe(200);
      const versions = await versionRows(id);
      expect(versions.map((v) => v.action)).toEqual(['create', 'submit', 'withdraw', 'edit']);
      // the withdrawal: the version the employee reads while the draft is revised
      const sent = versions[2]!;
      await db()
        .updateTable('record_versions')
        .set({ snapshot_enc: flipped(sent.snapshot_enc) })
        .where('id', '=', sent.id)
        .execute();
      const notices = await integrityNotices();

      const history = await manager.get(`/api/records/${id}/history`);
      expect(history.status).toBe(200);
      const byRevision = new Map(history.body.items.map((item: any) => [item.revision, item]));
      expect(history.body.items).toHaveLength(4);
      expect(byRevision.get(sent.revision)).toMatchObject({
        action: 'withdraw',
        integrityFailed: true,
        changes: [],
      });
      for (const v of [versions[0]!, versions[1]!, versions[3]!])
        expect(byRevision.get(v.revision)).toMatchObject({ integrityFailed: false });
      // the version after the bad one shows its changes since the last one that could be read
      expect((byRevision.get(versions[3]!.revision) as any).changes).toContainEqual({
        field: 'reviewSummary',
        before: COMPLETE_ANNUAL_REVIEW.reviewSummary,
        after: '修订后的总结',
      });
      const named = {
        table: 'record_versions',
        rowId: sent.id,
        part: 'version',
        recordId: id,
        revision: sent.revision,
      };
      const entries = await entriesFor(sent.id);
      expect(entries.map((e) => JSON.parse(e.payload))).toEqual([named]);
      expect(await integrityNotices()).toBe(notices + auditorAccounts);

      // the manager works on: the live record and its later versions are sound
      expect((await manager.get(`/api/records/${id}`)).status).toBe(200);

      // the employee reads the draft being revised as last sent: that is the bad version
      expectIntegrityFailed(await employee.get(`/api/records/${id}`), named);
      const employeeHistory = await employee.get(`/api/records/${id}/history`);
      expect(employeeHistory.status).toBe(200);
      expect(employeeHistory.body.items).toEqual([
        expect.objectContaining({ revision: sent.revision, integrityFailed: true, changes: [] }),
        expect.objectContaining({ revision: versions[1]!.revision, integrityFailed: false }),
      ]);
      // and the list still lists everything, this one marked with no topic
      const list = await employee.get('/api/records?limit=100');
      expect(list.status).toBe(200);
      const listed = list.body.items.find((r: any) => r.id === id);
      expect(listed).toMatchObject({ integrityFailed: true, topic: '' });
      expect(list.body.items.filter((r: any) => r.integrityFailed)).toHaveLength(1);
      // many readers, many reads: still one entry
      expect(await entriesFor(sent.id)).toHaveLength(1);
    });

    it('refuses to fold a save into a latest version that fails authentication', async () => {
      const { id, revision } = await newRecord();
      const first = await saveDraft(id, revision, { reviewSummary: '第一次保存' });
      expect(first.status).toBe(200);
      const versions = await versionRows(id);
      const latest = versions.at(-1)!;
      expect(latest.action).toBe('edit');
      await db()
        .updateTable('record_versions')
        .set({ snapshot_enc: flipped(latest.snapshot_enc) })
        .where('id', '=', latest.id)
        .execute();
      const rowBefore = await recordRow(id);
      const versionsBefore = await versionRows(id);
      // the same editing session: this save would replace the bad version
      expectIntegrityFailed(await saveDraft(id, first.body.revision, { reviewSummary: '第二次' }), {
        table: 'record_versions',
        rowId: latest.id,
        part: 'version',
        recordId: id,
        revision: latest.revision,
      });
      expect(await recordRow(id)).toEqual(rowBefore);
      expect(await versionRows(id)).toEqual(versionsBefore);
    });

    it("refuses the employee's feedback and sending back over feedback that fails authentication", async () => {
      const { id, revision } = await newRecord();
      const submitted = await act(manager, id, 'submit', revision);
      const bad = await tamperRecord(id, 'employee_content_enc');
      const named = {
        table: 'records',
        rowId: id,
        part: 'employee_content',
        recordId: id,
        revision: null,
      };
      expectIntegrityFailed(await employee.get(`/api/records/${id}`), named);
      const feedback = await employee.request(
        'PUT',
        `/api/records/${id}/feedback`,
        { content: { employeeFeedback: '覆盖' } },
        at(submitted),
      );
      expectIntegrityFailed(feedback, named);
      const sentBack = await employee.post(
        `/api/records/${id}/return`,
        { comment: '请核对' },
        at(submitted),
      );
      expectIntegrityFailed(sentBack, named);
      const row = await recordRow(id);
      expect(row).toMatchObject({
        employee_content_enc: bad,
        return_comment_enc: null,
        revision: submitted,
        state: 'submitted',
      });
      expect(await entriesFor(id)).toHaveLength(1);
    });

    it('never decrypts manager-only content for the employee, so a bad one there fails only the full view', async () => {
      const { id, revision } = await newRecord({
        ...COMPLETE_ANNUAL_REVIEW,
        managerNotes: '仅主管可见',
      });
      await act(manager, id, 'submit', revision);
      await tamperRecord(id, 'confidential_enc');
      expect((await employee.get(`/api/records/${id}`)).status).toBe(200);
      expect(await entriesFor(id)).toHaveLength(0);
      expectIntegrityFailed(await manager.get(`/api/records/${id}`), {
        table: 'records',
        rowId: id,
        part: 'confidential',
        recordId: id,
        revision: null,
      });
    });

    it('marks one bad comment and serves the others, also in the answer to a new comment', async () => {
      const { id } = await newRecord();
      for (const body of ['第一条', '第二条', '第三条']) {
        const res = await manager.post(`/api/records/${id}/comments`, { body });
        expect(res.status).toBe(200);
      }
      const comments = await db()
        .selectFrom('record_comments')
        .selectAll()
        .where('record_id', '=', id)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const victim = comments.find((c) => c.id !== comments[0]!.id)!;
      // the first comment's ciphertext moved into another comment's row
      await db()
        .updateTable('record_comments')
        .set({ body_enc: comments[0]!.body_enc })
        .where('id', '=', victim.id)
        .execute();
      const notices = await integrityNotices();

      const list = await manager.get(`/api/records/${id}/comments`);
      expect(list.status).toBe(200);
      const byId = new Map(list.body.items.map((c: any) => [c.id, c]));
      expect(byId.get(victim.id)).toMatchObject({ body: null, integrityFailed: true });
      const served = list.body.items.filter((c: any) => !c.integrityFailed).map((c: any) => c.body);
      expect(served).toHaveLength(2);
      expect(served).toContain('第一条');
      expect(JSON.stringify(list.body)).not.toContain('"body":"第一条","integrityFailed":true');
      expect((await entriesFor(victim.id)).map((e) => JSON.parse(e.payload))).toEqual([
        {
          table: 'record_comments',
          rowId: victim.id,
          part: 'comment',
          recordId: id,
          revision: null,
        },
      ]);
      expect(await integrityNotices()).toBe(notices + auditorAccounts);

      const added = await manager.post(`/api/records/${id}/comments`, { body: '第四条' });
      expect(added.status).toBe(200);
      expect(added.body.items).toHaveLength(4);
      expect(added.body.items.filter((c: any) => c.integrityFailed)).toHaveLength(1);
      expect(await entriesFor(victim.id)).toHaveLength(1);
    });

    it('names a bad private note and does not save over it', async () => {
      const { id } = await newRecord();
      expect(
        (await manager.request('PUT', `/api/records/${id}/private-note`, { body: '观察' })).status,
      ).toBe(200);
      const note = await db()
        .selectFrom('private_notes')
        .selectAll()
        .where('record_id', '=', id)
        .executeTakeFirstOrThrow();
      const bad = flipped(note.body_enc);
      await db()
        .updateTable('private_notes')
        .set({ body_enc: bad })
        .where('id', '=', note.id)
        .execute();
      const named = {
        table: 'private_notes',
        rowId: note.id,
        part: 'private_note',
        recordId: id,
        revision: null,
      };
      expectIntegrityFailed(await manager.get(`/api/records/${id}/private-note`), named);
      const saved = await manager.request('PUT', `/api/records/${id}/private-note`, {
        body: '新的笔记',
      });
      expectIntegrityFailed(saved, named);
      const after = await db()
        .selectFrom('private_notes')
        .selectAll()
        .where('id', '=', note.id)
        .executeTakeFirstOrThrow();
      expect(after).toEqual({ ...note, body_enc: bad });
      expect(await entriesFor(note.id)).toHaveLength(1);
      // the record itself is untouched by its private note
      expect((await manager.get(`/api/records/${id}`)).status).toBe(200);
    });

    it("names an employee's bad phone number on the profile and in an import, audited against the employee", async () => {
      const person = await db()
        .selectFrom('employees')
        .select(['id', 'phone_enc', 'department_id'])
        .where('id', '=', employeeId)
        .executeTakeFirstOrThrow();
      expect(person.phone_enc).not.toBeNull();
      expect((await hr.get(`/api/directory/employees/${person.id}`)).status).toBe(200);
      await db()
        .updateTable('employees')
        .set({ phone_enc: flipped(person.phone_enc!) })
        .where('id', '=', person.id)
        .execute();
      const named = {
        table: 'employees',
        rowId: person.id,
        part: 'phone',
        recordId: null,
        revision: null,
      };
      expectIntegrityFailed(await hr.get(`/api/directory/employees/${person.id}`), named);
      const [entry, ...more] = await entriesFor(person.id);
      expect(more).toEqual([]);
      expect(entry).toMatchObject({ target_type: 'employee', target_id: person.id });
      // other people's profiles are served as before
      const other = await db()
        .selectFrom('employees')
        .select('id')
        .where('id', '!=', person.id)
        .where('phone_enc', 'is not', null)
        .where('department_id', '=', person.department_id)
        .executeTakeFirstOrThrow();
      expect((await hr.get(`/api/directory/employees/${other.id}`)).status).toBe(200);
      // an import naming the person would carry the bad number over or replace it: refused
      const row = await db()
        .selectFrom('employees as e')
        .innerJoin('departments as d', 'd.id', 'e.department_id')
        .select(['e.employee_no', 'e.name', 'd.code', 'e.phone_enc'])
        .where('e.id', '=', person.id)
        .executeTakeFirstOrThrow();
      const file = `工号,姓名,手机,部门编码\n${row.employee_no},${row.name},13900001111,${row.code}\n`;
      expectIntegrityFailed(await importFile(hr, file, 'people.csv'), named);
      const unchanged = await db()
        .selectFrom('employees')
        .select('phone_enc')
        .where('id', '=', person.id)
        .executeTakeFirstOrThrow();
      expect(unchanged.phone_enc).toBe(row.phone_enc);
      expect(await entriesFor(person.id)).toHaveLength(1);
      await db()
        .updateTable('employees')
        .set({ phone_enc: person.phone_enc })
        .where('id', '=', person.id)
        .execute();
    });

    it('alerts once for twenty simultaneous reads of one bad value', async () => {
      // several rounds: each read races the others from the check to the entry
      for (let round = 0; round < 5; round++) {
        const { id } = await newRecord();
        await tamperRecord(id, 'content_enc');
        const notices = await integrityNotices();
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => manager.get(`/api/records/${id}`)),
        );
        expect(answers.map((a) => a.body.error?.code)).toEqual(
          Array.from({ length: 20 }, () => 'INTEGRITY_FAILED'),
        );
        expect(await entriesFor(id)).toHaveLength(1);
        expect(await integrityNotices()).toBe(notices + auditorAccounts);
      }
    });
  });
}
