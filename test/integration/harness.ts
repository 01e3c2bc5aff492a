import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../../src/server/app.js';
import { openContext } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';
import type { AppContext } from '../../src/server/context.js';
import type { Dialect } from '../../src/server/db/connection.js';
import type { App } from '../../src/server/lib/http/types.js';
import { checkpointAudit } from '../../src/server/modules/audit/service.js';
import { openSnapshot, sealSnapshot } from '../../src/server/modules/records/content-store.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/modules/demo/seed.js';

/** Every integration test file runs its suite once per dialect, like Kysely's own tests. */
export const DIALECTS: Dialect[] = [
  'sqlite',
  ...(process.env.TEST_PG_URL ? (['postgres'] as const) : []),
];

export interface TestEnv {
  dialect: Dialect;
  ctx: AppContext;
  app: App;
  url: string;
  dataDir: string;
  logFile: string;
  client(): Client;
  /** a signed-in client for a demo login */
  as(username: string): Promise<Client>;
  close(): Promise<void>;
}

export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_PG_URL!;
  const name = `miantan_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function startTestEnv(
  dialect: Dialect,
  env: Record<string, string> = {},
  options: { demo?: boolean } = {},
): Promise<TestEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-test-'));
  const database = dialect === 'postgres' ? await createPgDatabase() : null;
  const config = loadConfig({
    MIANTAN_DATA_DIR: dataDir,
    MIANTAN_LOGIN_RATE_PER_MINUTE: '100000',
    MIANTAN_WEB_DIR: path.join(dataDir, 'no-web'),
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const ctx = await openContext(config);
  if (options.demo !== false) await seedDemo(ctx);
  // the checkpoint `serve` signs before it serves
  await checkpointAudit(ctx);
  const logFile = path.join(dataDir, 'server.log');
  const logStream = fs.createWriteStream(logFile);
  const app = await buildApp(ctx, { logStream, logLevel: 'info' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const testEnv: TestEnv = {
    dialect,
    ctx,
    app,
    url,
    dataDir,
    logFile,
    client: () => new Client(url),
    as: async (username) => {
      const c = new Client(url);
      const res = await c.login(username, DEMO_PASSWORD);
      if (res.status !== 200)
        throw new Error(`login ${username} failed: ${JSON.stringify(res.body)}`);
      return c;
    },
    close: async () => {
      await app.close();
      await ctx.db.close();
      await new Promise<void>((resolve) => logStream.end(resolve));
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testEnv;
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like HTTP client: keeps the session cookie and sends the CSRF token on writes. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(readonly base: string) {}

  async login(username: string, password: string): Promise<Reply> {
    const res = await this.request('POST', '/api/auth/login', { username, password });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    return res;
  }

  async request<T = any>(
    method: string,
    pathname: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (options.csrf !== false && this.csrf && method !== 'GET')
      headers['x-csrf-token'] = this.csrf;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.base + pathname, {
      method,
      headers,
      body: payload,
      redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      if (!pair) continue;
      const value = pair.slice(pair.indexOf('=') + 1);
      this.cookie = value ? pair : null;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(pathname: string) {
    return this.request<T>('GET', pathname);
  }
  post<T = any>(
    pathname: string,
    body?: unknown,
    options?: { csrf?: boolean; headers?: Record<string, string> },
  ) {
    return this.request<T>('POST', pathname, body, options);
  }
}

/** Sends a file as the organisation import's multipart upload. */
export function sendFile(c: Client, pathname: string, content: string | Buffer, name: string) {
  const form = new FormData();
  form.append(
    'file',
    new Blob([typeof content === 'string' ? content : new Uint8Array(content)]),
    name,
  );
  return c.post(pathname, form);
}

/** Imports a file as the web does: previews it and, when the preview finds no error, confirms it. */
export async function importFile(c: Client, content: string | Buffer, name: string) {
  const previewed = await sendFile(c, '/api/org/import/preview', content, name);
  if (previewed.status !== 200) return previewed;
  return sendFile(c, `/api/org/import?token=${previewed.body.token}`, content, name);
}

/** The n-th employee (by employee no.) of a department, by its code; 0 is usually its head. */
export async function employeeIn(ctx: AppContext, departmentCode: string, index = 0) {
  const rows = await ctx.db.kysely
    .selectFrom('employees as e')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .select([
      'e.id',
      'e.name',
      'e.employee_no',
      'e.name_pinyin',
      'e.name_initials',
      'e.department_id',
    ])
    .where('d.code', '=', departmentCode)
    .orderBy('e.employee_no')
    .execute();
  const row = rows[index];
  if (!row) throw new Error(`no employee ${index} in ${departmentCode}`);
  return row;
}

export async function auditActions(ctx: AppContext, since = 0) {
  return ctx.db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', since)
    .orderBy('seq')
    .execute();
}

export async function auditHead(ctx: AppContext): Promise<number> {
  const head = await ctx.db.kysely.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
  return Number(head.seq);
}

/** A record's basic info as an interviewer fills it in. */
export function recordBasics(topic = '年度面谈') {
  return {
    topic,
    interviewAt: '2026-12-02T02:00:00.000Z',
    place: '会议室',
    placeKind: 'room',
    participantIds: [],
  };
}

/** The id of a template by its code, as the client lists them. */
export async function templateIdOf(c: Client, code = 'annual-review'): Promise<string> {
  const items = (await c.get('/api/templates')).body.items as { id: string; code: string }[];
  return items.find((t) => t.code === code)!.id;
}

export { COMPLETE_ANNUAL_REVIEW } from '../fixtures.js';
export { handwritingPng } from '../handwriting.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `miantan <args>` as an operator runs it, against the test's data directory and database. */
export function runCli(env: TestEnv, args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts'), ...args],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        MIANTAN_DATA_DIR: env.dataDir,
        ...(env.dialect === 'postgres' ? { DATABASE_URL: env.ctx.config.databaseUrl! } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, output })),
  );
}

/**
 * Moves a record to `archived` in the database (sent, if it was not), with the archive version
 * the signing flow stores, a copy of the latest; the guards of migration 0017 allow it because
 * the row was not archived before.
 */
export async function archiveInDatabase(env: TestEnv, recordId: string): Promise<void> {
  const { keyring } = env.ctx;
  await env.ctx.db.kysely.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    await trx
      .updateTable('records')
      .set((eb) => ({
        state: 'archived',
        submitted_at: eb.fn.coalesce('submitted_at', eb.val(now)),
      }))
      .where('id', '=', recordId)
      .execute();
    const sent = await trx
      .selectFrom('record_versions')
      .selectAll()
      .where('record_id', '=', recordId)
      .orderBy('revision', 'desc')
      .executeTakeFirstOrThrow();
    const id = 'archive-' + recordId;
    await trx
      .insertInto('record_versions')
      .values({
        ...sent,
        id,
        revision: sent.revision + 1,
        state: 'archived',
        action: 'archive',
        snapshot_enc: sealSnapshot(keyring, id, openSnapshot(keyring, recordId, sent)),
      })
      .execute();
  });
}
