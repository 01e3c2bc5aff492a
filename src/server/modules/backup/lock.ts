import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One backup or verification at a time per backup directory, across processes and nodes: the
 * lock is a file created with O_EXCL, which only one creator can win. The holder touches it every
 * half minute; a lock whose process is gone (same host) or that has not been touched for five
 * minutes (another host) is stale and taken over.
 */
export interface LockInfo {
  kind: 'backup' | 'verify';
  /** the backup written or checked */
  name: string;
  host: string;
  pid: number;
  since: string;
}

export interface Lock {
  info: LockInfo;
  release(): void;
}

const LOCK_FILE = '.lock';
const HEARTBEAT_MS = 30_000;
const STALE_MS = 5 * 60_000;

const lockPath = (dir: string) => path.join(dir, LOCK_FILE);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock file's holder, and whether it is gone; null when there is none or it is half-written. */
function holder(dir: string): { info: LockInfo; stale: boolean } | null {
  const file = lockPath(dir);
  try {
    const touched = fs.statSync(file).mtimeMs;
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    const stale = info.host === os.hostname() ? !alive(info.pid) : Date.now() - touched > STALE_MS;
    return { info, stale };
  } catch {
    return null;
  }
}

/** The job holding the directory's lock, or null when none does (or its holder is gone). */
export function currentLock(dir: string): LockInfo | null {
  const held = holder(dir);
  return held && !held.stale ? held.info : null;
}

function create(file: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, JSON.stringify(info));
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** Takes the directory's lock for a job, or answers null when another job holds it. */
export function tryLock(dir: string, job: Pick<LockInfo, 'kind' | 'name'>): Lock | null {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = lockPath(dir);
  const info: LockInfo = {
    ...job,
    host: os.hostname(),
    pid: process.pid,
    since: new Date().toISOString(),
  };
  if (!create(file, info)) {
    if (!holder(dir)?.stale) return null;
    // stale: its holder died mid-job. Two takers at the same instant can both win here; the
    // worst outcome is two backups, each whole.
    fs.rmSync(file, { force: true });
    if (!create(file, info)) return null;
  }
  const heartbeat = setInterval(() => {
    const now = new Date();
    fs.utimes(file, now, now, () => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    info,
    release() {
      clearInterval(heartbeat);
      fs.rmSync(file, { force: true });
    },
  };
}
