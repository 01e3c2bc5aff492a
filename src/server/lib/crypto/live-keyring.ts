import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadKeyFile, type Keyring } from './keyring.js';

/**
 * The master keys a running process holds, reloaded when the key file changes, so that every node
 * picks up a rotation step without a restart. Values are sealed with whatever key is active at
 * the moment of sealing.
 */
export interface LiveKeyring {
  current(): Keyring;
  /** performance.now() when the active key last changed (0: never since start) */
  switchedAt(): number;
  stop(): void;
}

const RELOAD_EVERY_MS = 1000;

export function staticKeyring(keyring: Keyring): LiveKeyring {
  return { current: () => keyring, switchedAt: () => 0, stop: () => undefined };
}

export function watchKeyFile(
  file: string,
  initial: Keyring,
  onError: (err: unknown) => void,
): LiveKeyring {
  let keyring = initial;
  let switchedAt = 0;
  let seen = fs.statSync(file);
  const timer = setInterval(() => {
    try {
      const stat = fs.statSync(file);
      if (stat.mtimeMs === seen.mtimeMs && stat.ino === seen.ino && stat.size === seen.size) return;
      const next = loadKeyFile(file);
      seen = stat;
      if (next.activeId !== keyring.activeId) switchedAt = performance.now();
      keyring = next;
    } catch (err) {
      // keep sealing and opening with the keys already held; the next tick tries again
      onError(err);
    }
  }, RELOAD_EVERY_MS);
  timer.unref();
  return {
    current: () => keyring,
    switchedAt: () => switchedAt,
    stop: () => clearInterval(timer),
  };
}
