import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../src/server/context.js';
import type { BenchArgs } from './args.js';
import { writeMarkedSection } from './doc-section.js';
import type { Machine } from './machine.js';
import { BENCH_PASSWORD } from './seed.js';
import { elapsedMs } from './stats.js';

const MARKERS = {
  start: '<!-- bench:attachments:start -->',
  end: '<!-- bench:attachments:end -->',
};

/** Each figure is the median of this many rounds. */
const ROUNDS = 5;

export interface AttachmentBench {
  bytes: number;
  /** MiB/s, median of the rounds */
  upload: number;
  download: number;
  rawWrite: number;
  rawRead: number;
}

interface Session {
  baseUrl: string;
  cookie: string;
  csrf: string;
}

async function signIn(baseUrl: string, username: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login as ${username} failed: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => /miantan_sid=/.test(c))!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { baseUrl, cookie, csrf: csrfToken };
}

async function call(s: Session, method: string, pathname: string, body?: FormData | object) {
  const headers: Record<string, string> = { cookie: s.cookie, 'x-csrf-token': s.csrf };
  let payload: FormData | string | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${s.baseUrl}${pathname}`, { method, headers, body: payload });
  if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${await res.text()}`);
  return res;
}

const mibPerSecond = (bytes: number, ms: number) => bytes / 1024 ** 2 / (ms / 1000);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return elapsedMs(start);
}

/** The same bytes written (flushed to disk) and read back as plain files, beside the attachments. */
async function rawDisk(dir: string, data: Buffer) {
  const file = path.join(dir, `raw-${randomBytes(4).toString('hex')}`);
  const write = await timed(async () => {
    const handle = await fs.promises.open(file, 'wx', 0o600);
    await handle.write(data);
    await handle.sync();
    await handle.close();
  });
  const read = await timed(() => fs.promises.readFile(file));
  await fs.promises.rm(file);
  return { write, read };
}

/**
 * An attachment of `megabytes` MB uploaded and downloaded over HTTP by the interviewer of a
 * draft (type check, sha256, chunked AES-256-GCM, fsync, row and audit entry; the download
 * checks the whole file, then decrypts it as it sends), beside a plain write (with fsync) and
 * read of the same bytes in the same directory.
 */
export async function runAttachmentBench(
  ctx: AppContext,
  run: { baseUrl: string; managerUsername: string; employeeId: string; megabytes: number },
): Promise<AttachmentBench> {
  const s = await signIn(run.baseUrl, run.managerUsername);
  const templates = (await (await call(s, 'GET', '/api/templates')).json()) as {
    items: { id: string; code: string }[];
  };
  const record = (await (
    await call(s, 'POST', '/api/records', {
      employeeId: run.employeeId,
      templateId: templates.items.find((t) => t.code === 'annual-review')!.id,
      topic: '附件压测',
      interviewAt: new Date().toISOString(),
      place: '会议室',
      placeKind: 'room',
      participantIds: [],
      content: {},
    })
  ).json()) as { id: string };
  const bytes = run.megabytes * 1000 * 1000;
  // a PDF by its first bytes; the rest does not compress or repeat
  const data = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(bytes - 9)]);
  const dir = ctx.config.attachmentsDir;
  await fs.promises.mkdir(dir, { recursive: true });
  const results = {
    upload: [] as number[],
    download: [] as number[],
    write: [] as number[],
    read: [] as number[],
  };
  for (let round = 0; round < ROUNDS; round++) {
    const raw = await rawDisk(dir, data);
    results.write.push(mibPerSecond(bytes, raw.write));
    results.read.push(mibPerSecond(bytes, raw.read));
    let id = '';
    const upload = await timed(async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(data)]), '压测.pdf');
      id = (
        (await (await call(s, 'POST', `/api/records/${record.id}/attachments`, form)).json()) as {
          id: string;
        }
      ).id;
    });
    results.upload.push(mibPerSecond(bytes, upload));
    const download = await timed(async () => {
      const res = await call(s, 'GET', `/api/records/${record.id}/attachments/${id}`);
      const got = Buffer.from(await res.arrayBuffer());
      if (got.length !== bytes) throw new Error(`downloaded ${got.length} bytes of ${bytes}`);
    });
    results.download.push(mibPerSecond(bytes, download));
    // a record holds at most 10: each round removes its file
    await call(s, 'DELETE', `/api/records/${record.id}/attachments/${id}`);
  }
  return {
    bytes,
    upload: median(results.upload),
    download: median(results.download),
    rawWrite: median(results.write),
    rawRead: median(results.read),
  };
}

export function printAttachmentBench(b: AttachmentBench): void {
  const line = (label: string, value: number, raw: number) =>
    console.log(
      `  ${label.padEnd(34)} ${value.toFixed(0).padStart(6)} MiB/s   raw disk ${raw.toFixed(0).padStart(6)} MiB/s   ratio ${(raw / value).toFixed(1)}×`,
    );
  console.log(`\nattachments, one file of ${(b.bytes / 1e6).toFixed(0)} MB, median of ${ROUNDS}:`);
  line('upload over HTTP (sealed, fsync)', b.upload, b.rawWrite);
  line('download over HTTP (checked, opened)', b.download, b.rawRead);
}

export function renderAttachmentSection(r: {
  args: BenchArgs;
  command: string;
  date: string;
  machine: Machine;
  bench: AttachmentBench;
}): string {
  const { bench: b, machine: m } = r;
  const row = (what: string, value: number, raw: number) =>
    `| ${what} | ${value.toFixed(0)} | ${raw.toFixed(0)} | ${(raw / value).toFixed(1)}× |`;
  return [
    MARKERS.start,
    '## Attachments',
    '',
    `\`${r.command}\` on ${r.date.slice(0, 10)}: ${m.cpu} × ${m.cpuCount}, ${m.memoryGiB.toFixed(0)} GiB, ` +
      `${m.os}, Node ${m.node}, ${m.database}; 1-minute load average ${m.loadAverage.toFixed(2)}.`,
    '',
    `One file of ${(b.bytes / 1e6).toFixed(0)} MB, median of ${ROUNDS} rounds, over HTTP on loopback, ` +
      'beside a plain write (with fsync) and read of the same bytes in the attachments directory.',
    '',
    '| Step | MiB/s | raw disk MiB/s | raw ÷ HTTP |',
    '|---|---:|---:|---:|',
    row(
      'upload: multipart, type check, sha256, AES-256-GCM in 1 MiB chunks, fsync, row + audit',
      b.upload,
      b.rawWrite,
    ),
    row('download: whole file checked first, then decrypted as it is sent', b.download, b.rawRead),
    '',
    'The download reads and decrypts the file twice (a check of every chunk before the first byte ' +
      'is sent, so a tampered file is refused with a clear answer), and the raw read comes from the ' +
      'page cache.',
    MARKERS.end,
  ].join('\n');
}

export function writeAttachmentSection(file: string, section: string): void {
  writeMarkedSection(file, MARKERS, section);
}
