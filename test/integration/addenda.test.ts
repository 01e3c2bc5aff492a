import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * A correction after archiving is an addendum (补充记录): a new record for the same employee on
 * the same template version, starting from the archived content, linked both ways; the original
 * never changes, and the employee is asked to sign the addendum once it is sent.
 */
for (const dialect of DIALECTS) {
  describe(`addenda to archived records (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let employee: Client;
    let archivedId = '';
    let submittedId = '';
    const basics = recordBasics('补充记录：年度面谈');

    beforeAll(async () => {
      env = await startTestEnv(dialect);
      manager = await env.as('manager');
      employee = await env.as('employee');
      const employeeId = (await employee.get('/api/auth/session')).body.user.employeeId as string;
      const create = async () => {
        const res = await manager.post('/api/records', {
          employeeId,
          templateId: await templateIdOf(manager),
          ...recordBasics('年度面谈'),
          content: { ...COMPLETE_ANNUAL_REVIEW, managerNotes: '仅经理可见' },
        });
        expect(res.status).toBe(200);
        const submitted = await manager.post(`/api/records/${res.body.id}/submit`, undefined, {
          headers: { 'if-match': '"1"' },
        });
        expect(submitted.status).toBe(200);
        return res.body.id as string;
      };
      archivedId = await create();
      submittedId = await create();
      await archiveInDatabase(env, archivedId);
    }, 120_000);
    afterAll(() => env?.close());

    it('offers an addendum on an archived record to its interviewer, and not to the employee', async () => {
      expect((await manager.get(`/api/records/${archivedId}`)).body.abilities.addendum).toBe(true);
      expect((await manager.get(`/api/records/${submittedId}`)).body.abilities.addendum).toBe(
        false,
      );
      expect((await employee.get(`/api/records/${archivedId}`)).body.abilities.addendum).toBe(
        false,
      );
    });

    it('refuses an addendum to a record that is not archived, and writes nothing', async () => {
      const before = (await manager.get('/api/records?limit=100')).body.total.count as number;
      const res = await manager.post(`/api/records/${submittedId}/addenda`, basics);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('RECORD_NOT_ARCHIVED');
      expect((await manager.get('/api/records?limit=100')).body.total.count).toBe(before);
    });

    it('answers 404 out of scope and 403 to the employee, and validates the input', async () => {
      for (const who of ['manager.rd', 'admin', 'auditor', 'executive']) {
        const res = await (await env.as(who)).post(`/api/records/${archivedId}/addenda`, basics);
        expect(res.status, who).toBe(404);
      }
      const own = await employee.post(`/api/records/${archivedId}/addenda`, basics);
      expect(own.status).toBe(403);
      const bad = await manager.post(`/api/records/${archivedId}/addenda`, {
        ...basics,
        topic: '',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION');
      expect((await manager.get(`/api/records/${archivedId}`)).body.addenda).toEqual([]);
    });

    it('starts from the archived content, links both ways, and asks the employee to sign once sent', async () => {
      const original = (await manager.get(`/api/records/${archivedId}`)).body;
      const created = await manager.post(`/api/records/${archivedId}/addenda`, basics);
      expect(created.status).toBe(200);
      const addendum = created.body;
      expect(addendum.state).toBe('draft');
      expect(addendum.addendumOf).toEqual({ id: archivedId, topic: original.topic });
      expect(addendum.employee.id).toBe(original.employee.id);
      expect(addendum.template).toEqual(original.template);
      expect(addendum.content).toEqual(original.content);
      expect(addendum.content.managerNotes).toBe('仅经理可见');
      expect(addendum.employeeContent).toEqual({});

      // the manager sees the draft beside the original; the employee not before it is sent
      const listed = { id: addendum.id, topic: basics.topic, state: 'draft' };
      expect((await manager.get(`/api/records/${archivedId}`)).body.addenda).toEqual([listed]);
      expect((await employee.get(`/api/records/${archivedId}`)).body.addenda).toEqual([]);
      expect((await employee.get(`/api/records/${addendum.id}`)).status).toBe(404);

      const submitted = await manager.post(`/api/records/${addendum.id}/submit`, undefined, {
        headers: { 'if-match': `"${addendum.revision}"` },
      });
      expect(submitted.status).toBe(200);
      expect((await employee.get(`/api/records/${archivedId}`)).body.addenda).toEqual([
        { ...listed, state: 'submitted' },
      ]);
      const seen = await employee.get(`/api/records/${addendum.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.content.managerNotes).toBeUndefined();
      const inbox = await employee.get('/api/inbox');
      expect(inbox.body.items).toContainEqual(
        expect.objectContaining({ kind: 'addendum_submitted', recordId: addendum.id }),
      );

      // the original is as it was, and its creation names the original in the audit log
      const after = (await manager.get(`/api/records/${archivedId}`)).body;
      expect(after.content).toEqual(original.content);
      expect(after.revision).toBe(original.revision);
      const entry = await env.ctx.db.kysely
        .selectFrom('audit_log')
        .select('payload')
        .where('action', '=', 'record.created')
        .where('target_id', '=', addendum.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(entry.payload)).toMatchObject({ addendumOf: archivedId });
    });
  });
}
