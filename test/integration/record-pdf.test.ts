import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCode } from '../../src/core/records/pdf.js';
import { rewritingArchived } from '../../src/server/db/helpers.js';
import { encrypt } from '../../src/server/lib/crypto/envelope.js';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/seed.js';
import { sealPart } from '../../src/server/modules/records/content-store.js';
import { pdfFonts, pdfText, renderFirstPage } from '../pdf-tools.js';
import {
  auditActions,
  auditHead,
  COMPLETE_ANNUAL_REVIEW,
  DIALECTS,
  handwritingPng,
  recordBasics,
  templateIdOf,
  type Client,
  type TestEnv,
  startTestEnv,
} from './harness.js';

const SECRET_NOTE = `考虑调岗-${randomBytes(6).toString('hex')}`;
const SUMMARY = '全年良品率稳定，带教两名新员工';
const TOPIC = '2026 年度绩效面谈（甲班组）';

/** The PDF as bytes: the harness's client reads bodies as text, which would mangle them. */
async function getPdf(c: Client, path: string) {
  const res = await fetch(c.base + path, { headers: c.cookie ? { cookie: c.cookie } : {} });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

function upload(c: Client, bytes: Buffer, name = 'record.pdf') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
  return c.post('/api/verify', form);
}

/** pdftotext may break a run with spaces or line ends; compare without them */
const squeeze = (s: string) => s.replace(/\s+/g, '');

for (const dialect of DIALECTS) {
  describe(`record PDF and verification (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let employee: Client;
    let outsiders: [string, Client][];
    let employeeId: string;
    let templateId: string;

    beforeAll(async () => {
      env = await startTestEnv(dialect);
      manager = await env.as('manager');
      employee = await env.as('employee');
      outsiders = await Promise.all(
        ['admin', 'executive', 'auditor', 'manager.rd'].map(
          async (u) => [u, await env.as(u)] as [string, Client],
        ),
      );
      employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;
      templateId = await templateIdOf(manager);
    });
    afterAll(() => env.close());

    async function draft() {
      const created = await manager.post('/api/records', {
        employeeId,
        templateId,
        ...recordBasics(TOPIC),
        content: { ...COMPLETE_ANNUAL_REVIEW, reviewSummary: SUMMARY, managerNotes: SECRET_NOTE },
      });
      expect(created.status).toBe(200);
      return created.body.id as string;
    }

    async function submitted() {
      const id = await draft();
      const res = await manager.post(`/api/records/${id}/submit`, undefined, {
        headers: { 'if-match': '"1"' },
      });
      expect(res.status).toBe(200);
      return id;
    }

    const issuedRows = (recordId: string) =>
      env.ctx.db.kysely
        .selectFrom('record_pdfs')
        .selectAll()
        .where('record_id', '=', recordId)
        .orderBy('issued_at')
        .execute();

    it('makes a PDF of a submitted record: Chinese text, topic, hash and code extract, page 1 renders, the font is an embedded subset, the download is audited', async () => {
      const id = await submitted();
      const seq = await auditHead(env.ctx);
      const view = (await manager.get(`/api/records/${id}`)).body;
      expect(view.abilities.pdf).toBe(true);
      const pdf = await getPdf(manager, `/api/records/${id}/pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.type).toBe('application/pdf');
      const [issued] = await issuedRows(id);
      expect(issued).toMatchObject({ view: 'full', language: 'zh-CN', record_id: id });
      expect(issued!.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);

      const text = squeeze(pdfText(pdf.bytes));
      for (const words of [
        TOPIC,
        view.employee.name,
        view.interviewer.name,
        SUMMARY,
        SECRET_NOTE,
        '基本信息',
        '签署证据页',
        issued!.record_sha256,
        formatCode(issued!.code),
      ])
        expect(text).toContain(squeeze(words));
      const fonts = pdfFonts(pdf.bytes);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font).toMatchObject({ embedded: true, subset: true });
      const page = renderFirstPage(pdf.bytes);
      expect(page.png.length).toBeGreaterThan(1000);
      expect(page.inked).toBeGreaterThan(0.005);

      const entries = (await auditActions(env.ctx, seq)).filter(
        (e) => e.action === 'record.pdf_issued',
      );
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ target_type: 'record', target_id: id, outcome: 'ok' });
      expect(JSON.parse(entries[0]!.payload)).toEqual({
        pdfId: issued!.id,
        code: issued!.code,
        view: 'full',
        language: 'zh-CN',
        recordSha256: issued!.record_sha256,
        pdfSha256: issued!.pdf_sha256,
      });
      expect(entries[0]!.payload).not.toContain(SUMMARY);
    });

    it('writes English on request, and gives the employee its own view without manager-only fields', async () => {
      const id = await submitted();
      const english = squeeze(
        pdfText((await getPdf(manager, `/api/records/${id}/pdf?lang=en-US`)).bytes),
      );
      expect(english).toContain('Basicinformation');
      expect(english).toContain('Signingevidence');
      expect(english).toContain(squeeze(SUMMARY));
      expect(english).not.toContain('基本信息');

      const own = await getPdf(employee, `/api/records/${id}/pdf`);
      expect(own.status).toBe(200);
      const text = squeeze(pdfText(own.bytes));
      expect(text).toContain(squeeze(SUMMARY));
      expect(text).not.toContain(SECRET_NOTE);
      const rows = await issuedRows(id);
      expect(rows.map((r) => [r.view, r.language])).toEqual([
        ['full', 'en-US'],
        ['employee', 'zh-CN'],
      ]);
      // the two views hash differently: the employee's has no manager-only fields
      expect(rows[0]!.record_sha256).not.toBe(rows[1]!.record_sha256);
    });

    it('refuses a draft with a clear code, and answers 404 to every role out of scope, writing nothing', async () => {
      const draftId = await draft();
      const refused = await manager.get(`/api/records/${draftId}/pdf`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('PDF_NOT_SUBMITTED');
      expect((await manager.get(`/api/records/${draftId}`)).body.abilities.pdf).toBe(false);
      // the employee does not see a draft at all
      expect((await employee.get(`/api/records/${draftId}/pdf`)).status).toBe(404);

      const id = await submitted();
      for (const [name, c] of outsiders) {
        const res = await c.get(`/api/records/${id}/pdf`);
        expect([name, res.status, res.body.error?.code]).toEqual([name, 404, 'NOT_FOUND']);
      }
      expect((await manager.get(`/api/records/${id}/pdf?lang=fr-FR`)).status).toBe(400);
      expect(await issuedRows(draftId)).toEqual([]);
      expect(await issuedRows(id)).toEqual([]);
    });

    it('verifies an issued PDF by file and by code, refuses a copy with one byte changed, and answers 404 out of scope', async () => {
      const id = await submitted();
      const pdf = (await getPdf(manager, `/api/records/${id}/pdf`)).bytes;
      const [issued] = await issuedRows(id);

      const ok = await upload(manager, pdf);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        valid: true,
        code: issued!.code,
        view: 'full',
        record: { id, topic: TOPIC, state: 'submitted' },
        checks: [
          { name: 'issued', ok: true },
          { name: 'recordUnchanged', ok: true },
          { name: 'signaturesCurrent', ok: true },
        ],
      });
      // the employee may check the manager's copy of its record too
      expect((await upload(employee, pdf)).body.valid).toBe(true);

      const changed = Buffer.from(pdf);
      const at = Math.floor(changed.length / 2);
      changed[at] = changed[at]! ^ 0x01;
      const refused = await upload(manager, changed);
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('PDF_NOT_ISSUED');

      const notPdf = await upload(manager, Buffer.from('PK\u0003\u0004 not a pdf'), 'x.pdf');
      expect([notPdf.status, notPdf.body.error.code]).toEqual([415, 'NOT_A_PDF']);
      const notUpload = await manager.post('/api/verify', { file: 'x' });
      expect([notUpload.status, notUpload.body.error.code]).toEqual([415, 'NOT_A_PDF']);
      const tooLarge = await upload(manager, Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]));
      expect(tooLarge.status).toBe(413);

      // a code as a person types it: lower case, with its dash
      const byCode = await manager.get(`/api/verify/${formatCode(issued!.code).toLowerCase()}`);
      expect(byCode.status).toBe(200);
      expect(byCode.body).toMatchObject({ valid: true, code: issued!.code });
      expect((await manager.get('/api/verify/ZZZZZZZZZZ')).status).toBe(404);

      for (const [name, c] of outsiders) {
        const file = await upload(c, pdf);
        const code = await c.get(`/api/verify/${issued!.code}`);
        expect([name, file.status, code.status]).toEqual([name, 404, 404]);
      }

      const verifications = (await auditActions(env.ctx)).filter(
        (e) => e.action === 'record.pdf_verified' && e.target_id === id,
      );
      expect(verifications.map((e) => JSON.parse(e.payload).by)).toEqual(['file', 'file', 'code']);
    });

    it('fails verification once the stored record changes: content re-encrypted as the app does, or a basic-info column', async () => {
      const id = await submitted();
      const first = (await getPdf(manager, `/api/records/${id}/pdf`)).bytes;
      expect((await upload(manager, first)).body.valid).toBe(true);

      await env.ctx.db.kysely
        .updateTable('records')
        .set({
          content_enc: sealPart(env.ctx.keyring, id, 'content', {
            ...COMPLETE_ANNUAL_REVIEW,
            reviewSummary: '改过的总结',
          }),
        })
        .where('id', '=', id)
        .execute();
      const afterContent = await upload(manager, first);
      expect(afterContent.status).toBe(200);
      expect(afterContent.body.valid).toBe(false);
      expect(afterContent.body.checks).toEqual([
        { name: 'issued', ok: true },
        { name: 'recordUnchanged', ok: false },
        { name: 'signaturesCurrent', ok: true },
      ]);

      // a PDF made now matches the record as it now is, until a basic-info column changes
      const second = (await getPdf(manager, `/api/records/${id}/pdf`)).bytes;
      expect((await upload(manager, second)).body.valid).toBe(true);
      await env.ctx.db.kysely
        .updateTable('records')
        .set({ place: '另一间会议室' })
        .where('id', '=', id)
        .execute();
      const [, issued] = await issuedRows(id);
      const byCode = await manager.get(`/api/verify/${issued!.code}`);
      expect(byCode.body.valid).toBe(false);
      expect(byCode.body.checks[1]).toEqual({ name: 'recordUnchanged', ok: false });
    });

    const REASON = `评分口径与年初约定不同-${randomBytes(3).toString('hex')}`;
    const sign = (c: Client, id: string, revision: number, body: Record<string, unknown>) =>
      c.post(
        `/api/records/${id}/sign`,
        { handwriting: handwritingPng(), password: DEMO_PASSWORD, ...body },
        { headers: { 'if-match': `"${revision}"` } },
      );

    /** A record the employee signed with a dissent and its reason; the manager's view of it. */
    async function signedByEmployee() {
      const id = await submitted();
      const view = (await employee.get(`/api/records/${id}`)).body;
      const signed = await sign(employee, id, view.revision, {
        choice: 'disagree',
        reason: REASON,
      });
      expect(signed.body.state).toBe('employeeSigned');
      return (await manager.get(`/api/records/${id}`)).body as { id: string; revision: number };
    }

    const checksOf = (body: { checks: { name: string; ok: boolean }[] }) =>
      Object.fromEntries(body.checks.map((c) => [c.name, c.ok]));

    it('prints both signatures with their evidence and the seal, and verifies them; a signature changed in the database fails', async () => {
      const view = await signedByEmployee();
      const archived = await sign(manager, view.id, view.revision, { choice: 'agree' });
      expect(archived.body.state).toBe('archived');

      for (const [c, lang] of [
        [manager, 'zh-CN'],
        [employee, 'en-US'],
      ] as const) {
        const pdf = (await getPdf(c, `/api/records/${view.id}/pdf?lang=${lang}`)).bytes;
        const text = squeeze(await pdfText(pdf));
        const words =
          lang === 'zh-CN'
            ? ['员工：', '已阅但有异议', '面谈人：', '同意', '平台封存', '签署证据页', '归档']
            : ['Read,butIdisagree', 'Iagree', 'Platformseal', 'Sealedbytheplatform', 'Archived'];
        for (const word of words) expect([lang, text.includes(word)]).toEqual([lang, true]);
        // the reason is the employee's and the full record's, printed for both
        expect(text).toContain(squeeze(REASON));
        const verified = await upload(c, pdf);
        expect(verified.body.valid).toBe(true);
        expect(checksOf(verified.body)).toEqual({
          issued: true,
          recordUnchanged: true,
          signaturesCurrent: true,
          signatures: true,
          seal: true,
        });
      }

      // the employee's reason re-encrypted to another text, as a database writer with the key would
      const [employeeSignature] = await env.ctx.db.kysely
        .selectFrom('record_signatures')
        .select(['id'])
        .where('record_id', '=', view.id)
        .where('role', '=', 'employee')
        .execute();
      await env.ctx.db.kysely.transaction().execute((trx) =>
        rewritingArchived(trx, () =>
          trx
            .updateTable('record_signatures')
            .set({
              reason_enc: encrypt(
                env.ctx.keyring,
                { table: 'record_signatures', id: employeeSignature!.id, field: 'reason' },
                '完全同意',
              ),
            })
            .where('id', '=', employeeSignature!.id)
            .execute(),
        ),
      );
      const [issued] = await issuedRows(view.id);
      const after = await manager.get(`/api/verify/${issued!.code}`);
      expect(after.body.valid).toBe(false);
      expect(checksOf(after.body)).toMatchObject({ recordUnchanged: true, signatures: false });
    });

    it('tells a PDF printed before the record was reopened from a current one', async () => {
      const view = await signedByEmployee();
      const before = (await getPdf(manager, `/api/records/${view.id}/pdf`)).bytes;
      expect(squeeze(await pdfText(before))).toContain('已阅但有异议');
      expect((await upload(manager, before)).body.valid).toBe(true);

      const reopened = await manager.post(`/api/records/${view.id}/reopen`, undefined, {
        headers: { 'if-match': `"${view.revision}"` },
      });
      expect(reopened.status).toBe(200);
      const stale = await upload(manager, before);
      expect(stale.body.valid).toBe(false);
      expect(checksOf(stale.body)).toMatchObject({ signaturesCurrent: false });
    });
  });
}
