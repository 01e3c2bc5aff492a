import { createHash } from 'node:crypto';
import type { AppContext } from '../src/server/context.js';
import { encrypt } from '../src/server/lib/crypto/envelope.js';
import { newId, nowIso } from '../src/server/lib/ids.js';
import { runLoad, type LoadResult } from './http-load.js';
import { annualReview, mulberry32 } from './records-content.js';
import { collectGarbage, printHttp } from './print.js';
import { signIn, type Session } from './records-http.js';
import { BENCH_PASSWORD, type BenchAccount } from './seed.js';

export interface PdfBench {
  recordId: string;
  attachments: number;
  pdfBytes: number;
  pdf: LoadResult;
  bare: LoadResult;
}

const ATTACHMENTS = ['年度考核表.pdf', '培训证书.jpg', '项目复盘.docx'];

async function call(baseUrl: string, s: Session, method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(path.endsWith('/submit') ? { 'if-match': '"1"' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${bytes.toString()}`);
  return bytes;
}

/**
 * An annual review as the manager writes and submits it, with three attachments listed (rows as
 * the upload stores them; the PDF reads their names, sizes and hashes, never their bytes).
 */
async function submittedReview(ctx: AppContext, baseUrl: string, s: Session, employeeId: string) {
  const templates = JSON.parse((await call(baseUrl, s, 'GET', '/api/templates')).toString()) as {
    items: { id: string; code: string }[];
  };
  // a full review, as the generated records hold them: every section filled in
  const review = annualReview(mulberry32(7), 'plant', Date.parse('2026-12-01T02:00:00Z'), false);
  const created = JSON.parse(
    (
      await call(baseUrl, s, 'POST', '/api/records', {
        employeeId,
        templateId: templates.items.find((t) => t.code === 'annual-review')!.id,
        topic: '2026 年度绩效面谈（压测）',
        interviewAt: '2026-12-01T02:00:00.000Z',
        place: '一车间会议室',
        placeKind: 'room',
        content: { ...review.content, ...review.confidential },
      })
    ).toString(),
  ) as { id: string; revision: number };
  const user = await ctx.db.kysely
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'bench.manager')
    .executeTakeFirstOrThrow();
  for (const [i, name] of ATTACHMENTS.entries()) {
    const id = newId();
    await ctx.db.kysely
      .insertInto('record_attachments')
      .values({
        id,
        record_id: created.id,
        part: 'interviewer',
        audience: 'all',
        file_name_enc: encrypt(
          ctx.keyring,
          { table: 'record_attachments', id, field: 'file_name' },
          name,
        ),
        media_type: 'application/octet-stream',
        size_bytes: (i + 1) * 180_000,
        sha256: createHash('sha256').update(name).digest('hex'),
        storage_key: `bench/${id}`,
        data_key_enc: encrypt(
          ctx.keyring,
          { table: 'record_attachments', id, field: 'data_key' },
          id,
        ),
        uploaded_by: user.id,
        created_at: nowIso(),
      })
      .execute();
  }
  await call(baseUrl, s, 'POST', `/api/records/${created.id}/submit`);
  return created.id;
}

/** PDF generation over HTTP (one connection), beside a bare route in the same run. */
export async function runPdfBench(
  ctx: AppContext,
  run: {
    baseUrl: string;
    manager: BenchAccount;
    duration: number;
    warmup: number;
  },
): Promise<PdfBench> {
  const { baseUrl } = run;
  const session = await signIn(baseUrl, run.manager.username, BENCH_PASSWORD);
  // one of the manager's direct reports: in its scope, as any interview it writes
  const report = await ctx.db.kysely
    .selectFrom('employees')
    .select('id')
    .where('manager_id', '=', run.manager.employeeId)
    .orderBy('employee_no')
    .executeTakeFirst();
  if (!report) throw new Error('the bench manager has no direct report to interview');
  const employeeId = report.id;
  const recordId = await submittedReview(ctx, baseUrl, session, employeeId);
  const path = `/api/records/${recordId}/pdf`;
  const pdfBytes = (await call(baseUrl, session, 'GET', path)).length;
  console.log(`\nrecord PDF (annual review, ${ATTACHMENTS.length} attachments, ${pdfBytes} bytes)`);
  const job = { url: baseUrl, cookie: session.cookie, duration: run.duration, warmup: run.warmup };
  collectGarbage();
  const pdf = await runLoad({ ...job, paths: [path], connections: 1 });
  printHttp('GET …/pdf, 1 conn.', pdf);
  collectGarbage();
  const bare = await runLoad({ ...job, paths: ['/api/health'], connections: 1 });
  printHttp('GET /api/health, 1 conn.', bare);
  return { recordId, attachments: ATTACHMENTS.length, pdfBytes, pdf, bare };
}
