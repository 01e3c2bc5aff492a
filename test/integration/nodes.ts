import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

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
const READY = /Miantan is running at (https?:\/\/\S+)/;

export async function startNode(options: {
  dataDir: string;
  databaseUrl?: string;
  demo?: boolean;
  env?: Record<string, string>;
}): Promise<NodeProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'src/server/main.ts'),
      'serve',
      ...(options.demo ? [] : ['--no-demo']),
    ],
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
