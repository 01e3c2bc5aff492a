import type { Kysely } from 'kysely';
import type { KeyStatus } from '../../../core/system.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { NODE_SILENT_AFTER_MS, readNodes } from '../../lib/cluster/nodes.js';
import { fingerprints } from '../../lib/crypto/keyring.js';

/**
 * The master keys as this node holds them, and every node heard from lately: a node out of step
 * (another key file, or one it has not reloaded) is what stops a rotation.
 */
export async function keyStatus(ctx: AppContext, db: Kysely<Database>): Promise<KeyStatus> {
  const keyring = ctx.keyring;
  const mine = fingerprints(keyring);
  // the nodes' own clocks: good enough to leave out ones long gone
  const recent = Date.now() - 3 * NODE_SILENT_AFTER_MS;
  const nodes = (await readNodes(db)).filter((n) => Date.parse(n.seenAt) >= recent);
  return {
    source: ctx.config.masterKey ? 'environment' : 'file',
    activeKey: keyring.activeId,
    keys: Object.keys(mine),
    nodes: nodes.map((n) => ({
      host: n.host,
      pid: n.pid,
      startedAt: n.startedAt,
      seenAt: n.seenAt,
      activeKey: n.activeKey,
      inStep:
        n.activeKey === keyring.activeId &&
        Object.keys(mine).length === Object.keys(n.keys).length &&
        Object.entries(mine).every(([id, fp]) => n.keys[id] === fp),
    })),
  };
}
