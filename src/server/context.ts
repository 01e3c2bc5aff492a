import type { Config } from './config.js';
import type { Db } from './db/connection.js';
import type { CheckpointStore } from './lib/audit/checkpoints.js';
import type { ReadLog } from './lib/audit/read-log.js';
import type { Keyring } from './lib/crypto/keyring.js';
import type { PlatformSeal } from './lib/seal/platform.js';

/** What every service needs from the running instance; built once at start. */
export interface AppContext {
  config: Config;
  db: Db;
  /** the master keys as the key file holds them now (reloaded when it changes) */
  readonly keyring: Keyring;
  /** this process in the node list; null for a command that is not one (key rotation) */
  nodeId: string | null;
  checkpoints: CheckpointStore;
  /** the platform seal key (outside the database) and the timestamp authorities */
  seal: PlatformSeal;
  /** audit entries of reads, committed in groups */
  readLog: ReadLog;
}
