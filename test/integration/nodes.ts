import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openContext } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';
import type { Dialect } from '../../src/server/db/connection.js';
import { seedDemo } from '../../src/server/modules/demo/seed.js';
import { createPgDatabase } from './harness.js';

/**
 * Server processes for the tests that need several nodes or a real crash: each runs
 * `miantan serve` from the sources (through tsx) on its own port, against the database and data
 * directory it is given.
 */
export interface NodeProcess {
  url: string;
  process: ChildProcess;
  /** everything the process printed so far, stdout and stderr */
  output(): string;
  /** SIGKILL: no shutdown hook runs */
  kill(): Promise<void>;
  /** SIGTERM: the normal shutdown */
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(ROOT, 'src/server/main.ts');

/** One installation's data directory and database, with the demo organisation (no history). */
export interface Installation {
  /** what every node and command of the installation runs with */
  env: Record<string, string>;
  dataDir: string;
  drop(): Promise<void>;
}

export async function newInstallation(dialect: Dialect): Promise<Installation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-nodes-'));
  const database = dialect === 'postgres' ? await createPgDatabase() : null;
  const env = {
    MIANTAN_DATA_DIR: dataDir,
    ...(database ? { DATABASE_URL: database.url } : {}),
  };
  const ctx = await openContext(loadConfig(env));
  await seedDemo(ctx);
  await ctx.db.close();
  return {
    env,
    dataDir,
    drop: async () => {
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs a `miantan` command to its end, as an operator would. */
export function runCli(
  env: Record<string, string>,
  command: string,
  args: string[] = [],
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, command, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}
const READY = /Miantan is running at (https?:\/\/\S+)/;

export async function startNode(options: {
  dataDir: string;
  databaseUrl?: string;
  demo?: boolean;
  env?: Record<string, string>;
}): Promise<NodeProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, 'serve', ...(options.demo ? [] : ['--no-demo'])],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'warn',
        MIANTAN_DATA_DIR: options.dataDir,
        MIANTAN_LOGIN_RATE_PER_MINUTE: '100000',
        MIANTAN_WEB_DIR: path.join(options.dataDir, 'no-web'),
        ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (match) resolve(match[1]!.replace('localhost', '127.0.0.1'));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`node exited (${code}) before it was ready:\n${output}`)),
    );
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    process: child,
    output: () => output,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
