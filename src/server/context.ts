import type { Config } from './config.js';
import type { Db } from './db/connection.js';
import type { CheckpointStore } from './lib/audit/checkpoints.js';
import type { ReadLog } from './lib/audit/read-log.js';
import type { Keyring } from './lib/crypto/keyring.js';
import type { PlatformSeal } from './lib/seal/platform.js';
import type { BlobStore } from './lib/storage/store.js';
import type { Mailer } from './lib/mail/sender.js';

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
  /** where attachment files are kept, encrypted */
  attachments: BlobStore;
  /** the SMTP sender; null when no relay is configured (activation codes go out on slips only) */
  mailer: Mailer | null;
}
