import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openContext } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/modules/demo/seed.js';
import {
  Client,
  createPgDatabase,
  DIALECTS,
  employeeIn,
  type Reply,
  templateIdOf,
} from './harness.js';
import { startNode, type NodeProcess } from './nodes.js';

/**
 * SECURITY.md check 16, in the suite: a real server process is killed with SIGKILL while
 * interviewers create records, save drafts and comment, again and again. Every write that was
 * answered 2xx must be there afterwards exactly as acknowledged; a write that got no answer may
 * be there or not, but whole; no live node answers anything but 2xx; the database is intact and
 * the audit chain verifies (docs/operations.md, "The crash test").
 */
const KILLS = 20;
/**
 * Each kill comes after a random number of acknowledged writes (so that a busy machine still
 * writes before every kill), then a random few milliseconds, to land anywhere in the writes then
 * in flight.
 */
const ACKS_BEFORE_KILL = [2, 16] as const;
const JITTER_MS = 40;
/** whose records each interviewer writes: three people of each of these departments */
const TEAMS = { manager: ['SH-W1-T1', 'SH-W1-T2'], 'manager.rd': ['SZ-RD-BE'] };
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Content {
  reviewSummary: string;
  managerNotes: string;
}

interface Tracked {
  id: string;
  topic: string;
  revision: number;
  content: Content;
  comments: string[];
  /** a write sent when the node died: committed or not, nobody was told */
  pending: { content: Content } | { comment: string } | null;
}

/** One interviewer's session writing to records of its own, one request at a time. */
interface Writer {
  username: string;
  client: Client;
  employees: string[];
  records: Tracked[];
}

/** What the writers were told, and what they were not, over the whole run. */
interface Run {
  dialect: string;
  templateId: string;
  serial: number;
  acknowledged: number;
  unanswered: number;
  /** what was sent in creates that got no answer, by topic */
  unansweredCreates: Map<string, Content>;
  /** answers other than 2xx, which no write here should get */
  refused: string[];
  killAfter: { acks: number; reached: () => void };
}

const randomIn = (low: number, high: number) => low + Math.floor(Math.random() * (high - low));
const pick = <T>(xs: readonly T[]): T => xs[randomIn(0, xs.length)]!;

const basics = (topic: string) => ({
  topic,
  interviewAt: '2026-12-01T02:00:00.000Z',
  place: '车间会议室',
  placeKind: 'room',
  participantIds: [],
});

for (const dialect of DIALECTS) {
  describe(`killed during writes, ${KILLS} times (${dialect})`, () => {
    it('keeps every acknowledged write as acknowledged and nothing half-written; the database and the audit chain stay intact', async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-crash-'));
      const database = dialect === 'postgres' ? await createPgDatabase() : null;
      const env = { MIANTAN_DATA_DIR: dataDir, ...(database && { DATABASE_URL: database.url }) };
      const staff = await seedOrganisation(env);
      let node: NodeProcess | null = await startNode({ dataDir, databaseUrl: database?.url });
      try {
        const run: Run = {
          dialect,
          templateId: await templateIdOf(await signIn(node.url, 'manager')),
          serial: 0,
          acknowledged: 0,
          unanswered: 0,
          unansweredCreates: new Map(),
          refused: [],
          killAfter: { acks: Infinity, reached: () => undefined },
        };
        // two writers per interviewer, on records of their own
        const writers: Writer[] = [];
        for (const [username, employees] of staff) {
          const session = await signIn(node.url, username);
          for (let i = 0; i < 2; i++)
            writers.push({ username, client: session, employees, records: [] });
        }

        for (let kill = 1; kill <= KILLS; kill++) {
          const touched = new Map(writers.map((w) => [w, new Set<Tracked>()]));
          const reached = new Promise<void>((resolve) => {
            run.killAfter = {
              acks: run.acknowledged + randomIn(...ACKS_BEFORE_KILL),
              reached: resolve,
            };
          });
          const writing = writers.map((w) => writeUntilKilled(run, w, touched.get(w)!));
          // all writers stop early only when refused, which the check below reports
          await Promise.race([reached, Promise.all(writing)]);
          await new Promise((resolve) => setTimeout(resolve, randomIn(0, JITTER_MS)));
          expect(node.process.exitCode, 'the node died before it was killed').toBeNull();
          await node.kill();
          await Promise.all(writing);
          expect(run.refused).toEqual([]);

          node = await startNode({ dataDir, databaseUrl: database?.url });
          for (const w of writers) w.client = sameSession(w.client, node.url);
          for (const [w, records] of touched) for (const r of records) await readBack(w, r);
        }
        // every kill cut writes off in flight, or the test proved little
        expect(run.unanswered).toBeGreaterThanOrEqual(KILLS);

        // everything once more, and every record listed is one that was written, whole
        for (const w of writers) for (const r of w.records) await readBack(w, r);
        for (const username of staff.keys()) {
          const c = await signIn(node.url, username);
          const listed = await listRecords(c);
          const tracked = writers.filter((w) => w.username === username).flatMap((w) => w.records);
          for (const r of tracked) expect(listed.get(r.id), r.topic).toBe(r.topic);
          const known = new Set(tracked.map((r) => r.id));
          for (const [id, topic] of listed) {
            if (known.has(id)) continue;
            expect(run.unansweredCreates.has(topic), topic).toBe(true);
            const res = await c.get(`/api/records/${id}`);
            expect(res.status, topic).toBe(200);
            expect(res.body.content, topic).toEqual(run.unansweredCreates.get(topic));
          }
        }

        await node.kill();
        node = null;
        if (dialect === 'sqlite') {
          const file = path.join(dataDir, 'miantan.db');
          const raw = new Database(file, { readonly: true, fileMustExist: true });
          expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(raw.pragma('foreign_key_check')).toEqual([]);
          raw.close();
          for (const f of [file, `${file}-wal`, `${file}-shm`])
            if (fs.existsSync(f)) expect(fs.statSync(f).mode & 0o777, f).toBe(0o600);
        }
        const verified = await verifyCommand(env);
        expect(verified.code, verified.output).toBe(0);
      } finally {
        await node?.kill();
        await database?.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
      // about a minute and a half of CPU, much longer on a busy machine
    }, 600_000);
  });
}

/**
 * The demo organisation without its past (which would take a node most of a minute), seeded
 * before any node runs; answers whom each interviewer writes about.
 */
async function seedOrganisation(env: Record<string, string>): Promise<Map<string, string[]>> {
  const ctx = await openContext(
    loadConfig({ ...env, MIANTAN_WEB_DIR: path.join(env.MIANTAN_DATA_DIR!, 'no-web') }),
  );
  try {
    await seedDemo(ctx);
    const staff = new Map<string, string[]>();
    for (const [username, departments] of Object.entries(TEAMS)) {
      const ids: string[] = [];
      for (const code of departments)
        for (const i of [1, 2, 3]) ids.push((await employeeIn(ctx, code, i)).id);
      staff.set(username, ids);
    }
    return staff;
  } finally {
    await ctx.db.close();
  }
}

/** Sends one write; false when the node is gone or refused it. */
async function attempt(
  run: Run,
  what: string,
  send: () => Promise<Reply>,
  answered: (res: Reply) => void,
  unanswered: () => void,
): Promise<boolean> {
  let res: Reply;
  try {
    res = await send();
  } catch {
    // the connection broke: the kill, not an answer
    run.unanswered++;
    unanswered();
    return false;
  }
  if (res.status < 200 || res.status >= 300) {
    run.refused.push(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return false;
  }
  answered(res);
  if (++run.acknowledged >= run.killAfter.acks) run.killAfter.reached();
  return true;
}

/** Creates records, saves drafts and comments, each write unique, until the node is gone. */
async function writeUntilKilled(run: Run, w: Writer, touched: Set<Tracked>): Promise<void> {
  for (;;) {
    const n = ++run.serial;
    const content = { reviewSummary: `第 ${n} 稿`, managerNotes: `备注 ${n}` };
    const roll = Math.random();
    let ok: boolean;
    if (w.records.length < 2 || roll < 0.2) {
      const topic = `${run.dialect} 面谈 ${n}`;
      const body = { employeeId: pick(w.employees), templateId: run.templateId };
      ok = await attempt(
        run,
        `create ${topic}`,
        () => w.client.post('/api/records', { ...body, ...basics(topic), content }),
        (res) => {
          expect(res.body.content).toEqual(content);
          const record = { id: res.body.id, topic, revision: res.body.revision, content };
          w.records.push({ ...record, comments: [], pending: null });
          touched.add(w.records.at(-1)!);
        },
        () => run.unansweredCreates.set(topic, content),
      );
    } else if (roll < 0.6) {
      const record = pick(w.records);
      touched.add(record);
      ok = await attempt(
        run,
        `save ${record.topic}`,
        () =>
          w.client.request(
            'PUT',
            `/api/records/${record.id}`,
            { ...basics(record.topic), content },
            { headers: { 'if-match': `"${record.revision}"` } },
          ),
        (res) => {
          expect(res.body.content).toEqual(content);
          record.revision = res.body.revision;
          record.content = content;
        },
        () => (record.pending = { content }),
      );
    } else {
      const record = pick(w.records);
      touched.add(record);
      const comment = `意见 ${n}`;
      ok = await attempt(
        run,
        `comment on ${record.topic}`,
        () => w.client.post(`/api/records/${record.id}/comments`, { body: comment }),
        (res) => {
          expect(res.body.items.at(-1).body).toBe(comment);
          record.comments.push(comment);
        },
        () => (record.pending = { comment }),
      );
    }
    if (!ok) return;
  }
}

/** Reads a record back as its interviewer: as acknowledged, or with its unanswered write whole. */
async function readBack(w: Writer, record: Tracked): Promise<void> {
  const res = await w.client.get(`/api/records/${record.id}`);
  expect(res.status, record.topic).toBe(200);
  const pending = record.pending;
  if (pending && 'content' in pending && res.body.revision === record.revision + 1) {
    record.revision++;
    record.content = pending.content;
  }
  expect(
    { topic: res.body.topic, revision: res.body.revision, content: res.body.content },
    record.topic,
  ).toEqual({ topic: record.topic, revision: record.revision, content: record.content });
  // the version the history shows last is the record as it stands
  const history = await w.client.get(`/api/records/${record.id}/history`);
  expect(history.body.items[0].revision, record.topic).toBe(record.revision);
  const comments = await w.client.get(`/api/records/${record.id}/comments`);
  const bodies = comments.body.items.map((c: { body: string }) => c.body);
  if (pending && 'comment' in pending && bodies.length === record.comments.length + 1)
    record.comments.push(pending.comment);
  expect(bodies, record.topic).toEqual(record.comments);
  record.pending = null;
}

/** Every record an account's list shows: id → topic. */
async function listRecords(c: Client): Promise<Map<string, string>> {
  const listed = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const page: Reply = await c.get(
      `/api/records?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const item of page.body.items) listed.set(item.id, item.topic);
    cursor = page.body.nextCursor;
  } while (cursor);
  return listed;
}

async function signIn(url: string, username: string): Promise<Client> {
  const c = new Client(url);
  const res = await c.login(username, DEMO_PASSWORD);
  if (res.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(res.body)}`);
  return c;
}

/** The same signed-in session, talking to another node (sessions live in the database). */
function sameSession(c: Client, url: string): Client {
  const moved = new Client(url);
  moved.cookie = c.cookie;
  moved.csrf = c.csrf;
  return moved;
}

/** `miantan verify` as an operator runs it; its exit code is the contract. */
function verifyCommand(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts'), 'verify'],
    { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, output })),
  );
}
