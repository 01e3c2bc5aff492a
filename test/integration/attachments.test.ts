import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { masterKeyIdOf } from '../../src/server/lib/crypto/envelope.js';
import { sweepOrphanFiles } from '../../src/server/modules/attachments/orphans.js';
import { rotateMasterKey } from '../../src/server/modules/keys/rotate.js';
import { PNG_FILE, pdfFile } from '../attachment-files.js';
import {
  auditActions,
  auditHead,
  COMPLETE_ANNUAL_REVIEW,
  DIALECTS,
  recordBasics,
  startTestEnv,
  templateIdOf,
  type Client,
  type TestEnv,
} from './harness.js';

const MIB = 1024 * 1024;
const CANARY = `附件暗号-${randomBytes(8).toString('hex')}`;
const NAME_CANARY = `张三警告信-${randomBytes(6).toString('hex')}`;
/** Padding of about `bytes` bytes that carries the canary. */
const canaryPadding = (bytes: number) =>
  CANARY.repeat(Math.ceil(bytes / Buffer.byteLength(CANARY)));
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

async function xlsxFile(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('改进计划').addRow(['目标', '完成']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

for (const dialect of DIALECTS) {
  describe(`record attachments (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let employee: Client;
    let employeeId: string;
    let templateId: string;
    let attachmentsDir: string;
    beforeAll(async () => {
      // a small limit, so that "too large" needs only a few MiB
      env = await startTestEnv(dialect, { MIANTAN_ATTACHMENT_MAX_MB: '3' });
      attachmentsDir = env.ctx.config.attachmentsDir;
      manager = await env.as('manager');
      employee = await env.as('employee');
      employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;
      templateId = await templateIdOf(manager);
    });
    afterAll(() => env.close());

    const newDraft = async () => {
      const res = await manager.post('/api/records', {
        employeeId,
        templateId,
        ...recordBasics('附件面谈'),
        content: COMPLETE_ANNUAL_REVIEW,
      });
      expect(res.status).toBe(200);
      return res.body as { id: string; revision: number };
    };
    const submit = async (record: { id: string; revision: number }) => {
      const res = await manager.post(`/api/records/${record.id}/submit`, undefined, {
        headers: { 'if-match': `"${record.revision}"` },
      });
      expect(res.status).toBe(200);
      return res.body as { id: string; revision: number };
    };
    const upload = (
      c: Client,
      recordId: string,
      content: Buffer,
      name: string,
      audience?: 'all' | 'managers',
    ) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(content)]), name);
      const query = audience ? `?audience=${audience}` : '';
      return c.post(`/api/records/${recordId}/attachments${query}`, form);
    };
    /** The raw bytes of a download, which the JSON client would turn into text. */
    const download = async (c: Client, recordId: string, attachmentId: string) => {
      const res = await fetch(`${env.url}/api/records/${recordId}/attachments/${attachmentId}`, {
        headers: c.cookie ? { cookie: c.cookie } : {},
      });
      return {
        status: res.status,
        headers: res.headers,
        bytes: Buffer.from(await res.arrayBuffer()),
      };
    };
    const rowCount = async () =>
      Number(
        (
          await env.ctx.db.kysely
            .selectFrom('record_attachments')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const storedFiles = () => (fs.existsSync(attachmentsDir) ? filesUnder(attachmentsDir) : []);
    const storedFileOf = async (id: string) => {
      const row = await env.ctx.db.kysely
        .selectFrom('record_attachments')
        .select('storage_key')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return path.join(attachmentsDir, ...row.storage_key.split('/'));
    };

    it('stores a file encrypted, lists it and gives back the same bytes, audited without its name', async () => {
      const record = await newDraft();
      // 2.5 MiB: three chunks
      const pdf = pdfFile(canaryPadding(2.5 * MIB));
      const since = await auditHead(env.ctx);
      const added = await upload(manager, record.id, pdf, `${NAME_CANARY}.pdf`);
      expect(added.status).toBe(200);
      expect(added.body).toMatchObject({
        fileName: `${NAME_CANARY}.pdf`,
        mediaType: 'application/pdf',
        sizeBytes: pdf.length,
        sha256: sha256(pdf),
        part: 'interviewer',
        audience: 'all',
        previewable: true,
        abilities: { delete: true },
      });

      const file = await storedFileOf(added.body.id);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      // the file on disk is ciphertext: no run of the plaintext is in it
      expect(fs.readFileSync(file).includes(Buffer.from(CANARY))).toBe(false);

      const listed = await manager.get(`/api/records/${record.id}/attachments`);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((a: any) => a.id)).toEqual([added.body.id]);
      expect(listed.body.limits).toMatchObject({ maxBytes: 3_000_000, perRecord: 10 });

      const got = await download(manager, record.id, added.body.id);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(pdf)).toBe(true);
      expect(sha256(got.bytes)).toBe(added.body.sha256);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toMatch(/^inline; /);
      expect(got.headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent(`${NAME_CANARY}.pdf`)}`,
      );
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.headers.get('content-security-policy')).toContain(`default-src 'none'`);
      expect(got.headers.get('cache-control')).toBe('no-store');

      const entries = await auditActions(env.ctx, since);
      const added_ = entries.find((e) => e.action === 'record.attachment_added')!;
      const downloaded = entries.find((e) => e.action === 'record.attachment_downloaded')!;
      for (const entry of [added_, downloaded]) {
        expect(entry.target_id).toBe(record.id);
        expect(JSON.parse(entry.payload)).toMatchObject({
          attachmentId: added.body.id,
          sizeBytes: pdf.length,
          sha256: sha256(pdf),
          mediaType: 'application/pdf',
        });
        expect(entry.payload).not.toContain(NAME_CANARY);
      }
      expect(JSON.parse(downloaded.payload).disposition).toBe('inline');

      // an Office file downloads as an attachment
      const sheet = await xlsxFile();
      const xlsx = await upload(manager, record.id, sheet, '改进计划.xlsx', 'managers');
      expect(xlsx.status).toBe(200);
      const gotSheet = await download(manager, record.id, xlsx.body.id);
      expect(gotSheet.bytes.equals(sheet)).toBe(true);
      expect(gotSheet.headers.get('content-disposition')).toMatch(/^attachment; /);
      expect(gotSheet.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    });

    it('follows the record’s audience: the employee reads shared files once sent, never manager-only ones; the rest of the company nothing', async () => {
      const draft = await newDraft();
      const shared = (await upload(manager, draft.id, pdfFile(), '评估表.pdf')).body;
      const managersOnly = (await upload(manager, draft.id, PNG_FILE, '现场.png', 'managers')).body;
      expect(managersOnly.audience).toBe('managers');

      // a draft is not the employee's yet
      expect((await employee.get(`/api/records/${draft.id}/attachments`)).status).toBe(404);
      expect((await download(employee, draft.id, shared.id)).status).toBe(404);
      const record = await submit(draft);

      const seen = await employee.get(`/api/records/${record.id}/attachments`);
      expect(seen.body.items.map((a: any) => a.id)).toEqual([shared.id]);
      expect(seen.body.items[0].abilities.delete).toBe(false);
      expect((await download(employee, record.id, shared.id)).status).toBe(200);
      expect((await download(employee, record.id, managersOnly.id)).status).toBe(404);

      // HR over the employee reads everything, attaches nothing
      const hr = await env.as('hr');
      expect((await hr.get(`/api/records/${record.id}/attachments`)).body.items).toHaveLength(2);
      expect((await download(hr, record.id, managersOnly.id)).status).toBe(200);
      const hrUpload = await upload(hr, record.id, PNG_FILE, 'hr.png');
      expect(hrUpload.status).toBe(403);

      for (const username of ['manager.rd', 'admin', 'auditor', 'executive']) {
        const other = await env.as(username);
        expect((await other.get(`/api/records/${record.id}/attachments`)).status, username).toBe(
          404,
        );
        for (const a of [shared, managersOnly])
          expect((await download(other, record.id, a.id)).status, username).toBe(404);
        const refused = await upload(other, record.id, PNG_FILE, 'x.png');
        expect(refused.status, username).toBe(404);
        const deleted = await other.request(
          'DELETE',
          `/api/records/${record.id}/attachments/${shared.id}`,
        );
        expect(deleted.status, username).toBe(404);
      }
      // an attachment id under another record is not found either
      const elsewhere = await newDraft();
      expect((await download(manager, elsewhere.id, shared.id)).status).toBe(404);
    });

    it('lets the employee attach to and delete from its feedback while the record waits for it, and the interviewer only its draft', async () => {
      const record = await submit(await newDraft());
      const mine = await upload(employee, record.id, PNG_FILE, '证明.png');
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ part: 'employee', audience: 'all' });
      expect((await upload(employee, record.id, PNG_FILE, 'x.png', 'managers')).status).toBe(403);
      // the interviewer's part is closed once sent
      const late = await upload(manager, record.id, PNG_FILE, 'late.png');
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('INVALID_TRANSITION');
      const seenByManager = await manager.get(`/api/records/${record.id}/attachments`);
      expect(seenByManager.body.items[0].abilities.delete).toBe(false);
      expect(
        (await manager.request('DELETE', `/api/records/${record.id}/attachments/${mine.body.id}`))
          .status,
      ).toBe(409);

      const file = await storedFileOf(mine.body.id);
      const since = await auditHead(env.ctx);
      const removed = await employee.request(
        'DELETE',
        `/api/records/${record.id}/attachments/${mine.body.id}`,
      );
      expect(removed.status).toBe(204);
      expect(fs.existsSync(file)).toBe(false);
      expect((await employee.get(`/api/records/${record.id}/attachments`)).body.items).toEqual([]);
      const entries = await auditActions(env.ctx, since);
      expect(entries.map((e) => e.action)).toEqual(['record.attachment_deleted']);
      expect(JSON.parse(entries[0]!.payload)).toMatchObject({
        attachmentId: mine.body.id,
        part: 'employee',
      });
    });

    it('refuses a file too large, an 11th file, a refused type and a name that contradicts the content, writing nothing', async () => {
      const record = await newDraft();
      const rowsBefore = await rowCount();
      const filesBefore = storedFiles().length;
      const refuse = async (
        res: Awaited<ReturnType<typeof upload>>,
        status: number,
        code: string,
      ) => {
        expect(res.status).toBe(status);
        expect(res.body.error.code).toBe(code);
        expect(await rowCount()).toBe(rowsBefore);
        // no file, not even a temporary one, is left behind
        expect(storedFiles(), JSON.stringify(storedFiles())).toHaveLength(filesBefore);
      };
      // over the limit (3 MB) by one byte: refused while it streams
      const justOver = pdfFile('x'.repeat(3_000_000));
      await refuse(
        await upload(manager, record.id, justOver.subarray(0, 3_000_001), 'big.pdf'),
        413,
        'ATTACHMENT_TOO_LARGE',
      );
      // far over: refused by its declared length, unread
      await refuse(
        await upload(manager, record.id, pdfFile('x'.repeat(5 * MIB)), 'big.pdf'),
        413,
        'ATTACHMENT_TOO_LARGE',
      );
      await refuse(
        await upload(manager, record.id, Buffer.from('hello'), 'notes.txt'),
        415,
        'ATTACHMENT_TYPE_REFUSED',
      );
      await refuse(
        await upload(manager, record.id, Buffer.from('MZ\x90\x00'), 'setup.exe'),
        415,
        'ATTACHMENT_TYPE_REFUSED',
      );
      // a PNG named as a PDF, a text named as a PDF, a PDF named as a Word file
      const mismatch = await upload(manager, record.id, PNG_FILE, 'report.pdf');
      await refuse(mismatch, 415, 'ATTACHMENT_TYPE_MISMATCH');
      expect(mismatch.body.error.details).toMatchObject({
        extension: 'pdf',
        detected: 'image/png',
      });
      await refuse(
        await upload(manager, record.id, Buffer.from('<script>alert(1)</script>'), 'x.pdf'),
        415,
        'ATTACHMENT_TYPE_MISMATCH',
      );
      await refuse(
        await upload(manager, record.id, pdfFile(), 'x.docx'),
        415,
        'ATTACHMENT_TYPE_MISMATCH',
      );
      // a file name longer than a name may be
      await refuse(
        await upload(manager, record.id, PNG_FILE, `${'名'.repeat(200)}.png`),
        400,
        'VALIDATION',
      );
      // not multipart at all
      const notMultipart = await manager.post(`/api/records/${record.id}/attachments`, {
        file: 'x',
      });
      expect(notMultipart.status).toBe(415);
      expect(
        (await upload(manager, record.id, PNG_FILE, 'a.png', 'everyone' as 'all')).status,
      ).toBe(400);

      for (let i = 0; i < 10; i++)
        expect((await upload(manager, record.id, PNG_FILE, `图${i}.png`)).status).toBe(200);
      const rowsFull = await rowCount();
      const filesFull = storedFiles().length;
      const eleventh = await upload(manager, record.id, PNG_FILE, '图10.png');
      expect(eleventh.status).toBe(409);
      expect(eleventh.body.error.code).toBe('ATTACHMENT_LIMIT');
      expect(await rowCount()).toBe(rowsFull);
      expect(storedFiles()).toHaveLength(filesFull);
    });

    it('leaves no row and no file when the client hangs up in the middle of an upload', async () => {
      const record = await newDraft();
      const rowsBefore = await rowCount();
      const filesBefore = storedFiles().length;
      const boundary = 'miantan-aborted-upload';
      const head = Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="半截.pdf"\r\n` +
          'content-type: application/pdf\r\n\r\n',
      );
      const url = new URL(`${env.url}/api/records/${record.id}/attachments`);
      const req = http.request(url, {
        method: 'POST',
        headers: {
          cookie: manager.cookie!,
          'x-csrf-token': manager.csrf!,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + 2 * MIB + 100),
        },
      });
      const closed = new Promise<void>((resolve) => {
        req.on('error', () => resolve());
        req.on('close', () => resolve());
      });
      req.write(head);
      // well past the first chunk: the store begins writing (a temporary file), then the
      // client is gone
      req.write(pdfFile('x'.repeat(MIB + 200_000)));
      await expect
        .poll(() => storedFiles().some((f) => f.includes('.tmp-')), { timeout: 10_000 })
        .toBe(true)
        .finally(() => req.destroy());
      await closed;
      await expect.poll(() => storedFiles().length, { timeout: 10_000 }).toBe(filesBefore);
      expect(await rowCount()).toBe(rowsBefore);
      expect((await manager.get(`/api/records/${record.id}/attachments`)).body.items).toEqual([]);
    });

    it('sweeps stored files no row names once they are a day old, keeping younger ones and every named file', async () => {
      const record = await newDraft();
      const named = await upload(manager, record.id, PNG_FILE, '现场照片.png');
      expect(named.status).toBe(200);
      const put = (key: string) =>
        env.ctx.attachments.put(
          key,
          (async function* () {
            yield randomBytes(64);
          })(),
        );
      await put('orphan/old');
      await put('orphan/young');
      const dayAndAMinuteAgo = new Date(Date.now() - 24 * 3_600_000 - 60_000);
      const age = (file: string) => fs.utimesSync(file, dayAndAMinuteAgo, dayAndAMinuteAgo);
      age(path.join(attachmentsDir, 'orphan', 'old'));
      age(await storedFileOf(named.body.id));
      // a partial write a crash left behind
      const partial = path.join(attachmentsDir, 'orphan', 'young.tmp-0123456789ab');
      fs.writeFileSync(partial, 'half');
      age(partial);

      expect(await sweepOrphanFiles(env.ctx)).toMatchObject({ removed: 1 });
      expect(fs.existsSync(path.join(attachmentsDir, 'orphan', 'old'))).toBe(false);
      expect(fs.existsSync(partial)).toBe(false);
      expect(fs.existsSync(path.join(attachmentsDir, 'orphan', 'young'))).toBe(true);
      const kept = await download(manager, record.id, named.body.id);
      expect([kept.status, sha256(kept.bytes)]).toEqual([200, sha256(PNG_FILE)]);
      await env.ctx.attachments.delete('orphan/young');
    });

    it('refuses a tampered file on download with a clear code, audited, and sends none of it', async () => {
      const record = await newDraft();
      const pdf = pdfFile(canaryPadding(2.2 * MIB));
      const added = (await upload(manager, record.id, pdf, '证据.pdf')).body;
      const file = await storedFileOf(added.id);
      const sealed = fs.readFileSync(file);
      // one byte flipped inside the second chunk's ciphertext
      const at = 1 + 4 + 12 + MIB + 16 + 1000;
      const tampered = Buffer.from(sealed);
      tampered[at] = tampered[at]! ^ 0x01;
      fs.writeFileSync(file, tampered);
      try {
        const since = await auditHead(env.ctx);
        const got = await download(manager, record.id, added.id);
        expect(got.status).toBe(500);
        const body = JSON.parse(got.bytes.toString('utf8'));
        expect(body.error.code).toBe('ATTACHMENT_INTEGRITY_FAILED');
        expect(got.bytes.includes(Buffer.from(CANARY))).toBe(false);
        const entries = await auditActions(env.ctx, since);
        const alert = entries.find((e) => e.action === 'integrity.failed')!;
        expect(alert.outcome).toBe('failed');
        expect(JSON.parse(alert.payload)).toEqual({
          table: 'record_attachments',
          rowId: added.id,
          part: 'attachment',
          recordId: record.id,
          revision: null,
        });
        expect(entries.some((e) => e.action === 'record.attachment_downloaded')).toBe(false);

        // a file cut short, and a file gone, fail the same way
        fs.writeFileSync(file, sealed.subarray(0, sealed.length - 10));
        expect((await download(manager, record.id, added.id)).status).toBe(500);
        fs.rmSync(file);
        const gone = await download(manager, record.id, added.id);
        expect(JSON.parse(gone.bytes.toString('utf8')).error.code).toBe(
          'ATTACHMENT_INTEGRITY_FAILED',
        );
      } finally {
        fs.writeFileSync(file, sealed, { mode: 0o600 });
      }
      expect((await download(manager, record.id, added.id)).bytes.equals(pdf)).toBe(true);

      // the same file under another attachment's row does not open: each is bound to its id
      const other = (await upload(manager, record.id, pdfFile('short'), '另一份.pdf')).body;
      const otherFile = await storedFileOf(other.id);
      const otherSealed = fs.readFileSync(otherFile);
      fs.copyFileSync(file, otherFile);
      try {
        expect((await download(manager, record.id, other.id)).status).toBe(500);
      } finally {
        fs.writeFileSync(otherFile, otherSealed);
      }
    });

    it('never lets an uploaded file’s content or name reach the data directory or the database in the clear', async () => {
      const record = await newDraft();
      const pdf = pdfFile(CANARY.repeat(2000));
      expect((await upload(manager, record.id, pdf, `${NAME_CANARY}.pdf`)).status).toBe(200);
      for (const needle of [CANARY, NAME_CANARY]) {
        for (const file of filesUnder(env.dataDir)) {
          const bytes = fs.readFileSync(file);
          expect(bytes.includes(Buffer.from(needle)), `${needle} in ${file}`).toBe(false);
        }
      }
      if (env.dialect === 'postgres') {
        for (const table of ['record_attachments', 'audit_log', 'records', 'record_versions']) {
          const rows = await sql<{
            row: string;
          }>`select t::text as row from ${sql.table(table)} t`.execute(env.ctx.db.kysely);
          for (const { row } of rows.rows) {
            expect(row).not.toContain(CANARY);
            expect(row).not.toContain(NAME_CANARY);
          }
        }
      }
    });

    it('survives master-key rotation: the wrapped key and name are re-encrypted, the file is not touched', async () => {
      const record = await newDraft();
      const pdf = pdfFile(canaryPadding(1.5 * MIB));
      const added = (await upload(manager, record.id, pdf, '轮换前.pdf')).body;
      const file = await storedFileOf(added.id);
      const sealed = fs.readFileSync(file);
      const row = () =>
        env.ctx.db.kysely
          .selectFrom('record_attachments')
          .select(['file_name_enc', 'data_key_enc'])
          .where('id', '=', added.id)
          .executeTakeFirstOrThrow();
      const before = await row();
      const result = await rotateMasterKey(env.ctx, {
        keyFile: env.ctx.config.keyFile,
        reencrypt: true,
        waitMs: 30_000,
        log: () => undefined,
      });
      const after = await row();
      for (const column of ['file_name_enc', 'data_key_enc'] as const) {
        expect(after[column]).not.toBe(before[column]);
        expect(masterKeyIdOf(after[column])).toBe(result.activeKey);
      }
      expect(fs.readFileSync(file).equals(sealed)).toBe(true);
      const got = await download(manager, record.id, added.id);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(pdf)).toBe(true);
      expect(
        (await manager.get(`/api/records/${record.id}/attachments`)).body.items[0].fileName,
      ).toBe('轮换前.pdf');
    });
  });
}
