import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDb } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { openCheckpointStore } from './lib/audit/checkpoints.js';
import { withEntryKey } from './lib/audit/keys.js';
import { groupedReadLog } from './lib/audit/read-log.js';
import { keyringFromEnv, loadOrCreateKeyFile } from './lib/crypto/keyring.js';
import { syncBuiltinTemplates } from './modules/templates/service.js';

/** Opens the database (refusing unsafe durability settings), migrates it, and loads the keys. */
export async function openContext(config: Config): Promise<AppContext> {
  const keyring = config.masterKey
    ? keyringFromEnv(config.masterKey)
    : loadOrCreateKeyFile(config.dataDir);
  const checkpoints = openCheckpointStore(config.checkpointDir, config.auditSigningKey);
  const opened = await openDb(config);
  // every transaction opened from it can append authenticated audit entries
  const db = { ...opened, kysely: withEntryKey(opened.kysely, checkpoints.keys.entryKey) };
  const ctx = { config, db, keyring, checkpoints, readLog: groupedReadLog(db.kysely) };
  try {
    await migrateToLatest(db);
    await syncBuiltinTemplates(ctx);
  } catch (err) {
    await db.close();
    throw err;
  }
  return ctx;
}
