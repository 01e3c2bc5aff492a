import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDb } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { openCheckpointStore } from './lib/audit/checkpoints.js';
import { withEntryKey } from './lib/audit/keys.js';
import { groupedReadLog } from './lib/audit/read-log.js';
import { startHeartbeat, type NodeHeartbeat } from './lib/cluster/nodes.js';
import { keyringFromEnv, loadOrCreateKeyFile } from './lib/crypto/keyring.js';
import { staticKeyring, watchKeyFile } from './lib/crypto/live-keyring.js';
import { openPlatformSeal } from './lib/seal/platform.js';
import { syncBuiltinTemplates } from './modules/templates/service.js';

const complain = (what: string) => (err: unknown) =>
  console.error(`${what}: ${err instanceof Error ? err.message : String(err)}`);

/**
 * Opens the database (refusing unsafe durability settings), migrates it, loads the keys and
 * joins the node list that key rotation waits on. `node: false` is for the rotation itself,
 * which coordinates the nodes rather than being one of them.
 */
export async function openContext(
  config: Config,
  options: { node?: boolean } = {},
): Promise<AppContext> {
  const keys = config.masterKey
    ? staticKeyring(keyringFromEnv(config.masterKey))
    : watchKeyFile(
        config.keyFile,
        loadOrCreateKeyFile(config.keyFile),
        complain(`key file ${config.keyFile}`),
      );
  const checkpoints = openCheckpointStore(config.checkpointDir, config.auditSigningKey);
  const seal = openPlatformSeal(config);
  const opened = await openDb(config);
  // every transaction opened from it can append authenticated audit entries
  const db = { ...opened, kysely: withEntryKey(opened.kysely, checkpoints.keys.entryKey) };
  let heartbeat: NodeHeartbeat | null = null;
  try {
    await migrateToLatest(db);
    if (options.node !== false)
      heartbeat = await startHeartbeat(db, keys, complain('node heartbeat'));
    const ctx: AppContext = {
      config,
      db: {
        ...db,
        close: async () => {
          keys.stop();
          await heartbeat?.stop();
          await db.close();
        },
      },
      get keyring() {
        return keys.current();
      },
      nodeId: heartbeat?.id ?? null,
      checkpoints,
      seal,
      readLog: groupedReadLog(db.kysely),
    };
    await syncBuiltinTemplates(ctx);
    return ctx;
  } catch (err) {
    keys.stop();
    await heartbeat?.stop();
    await db.close();
    throw err;
  }
}
