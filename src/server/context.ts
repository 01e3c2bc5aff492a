import type { Config } from './config.js';
import type { Db } from './db/connection.js';
import type { CheckpointStore } from './lib/audit/checkpoints.js';
import type { ReadLog } from './lib/audit/read-log.js';
import type { Keyring } from './lib/crypto/keyring.js';

/** What every service needs from the running instance; built once at start. */
export interface AppContext {
  config: Config;
  db: Db;
  keyring: Keyring;
  checkpoints: CheckpointStore;
  /** audit entries of reads, committed in groups */
  readLog: ReadLog;
}
