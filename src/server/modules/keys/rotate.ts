import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import { ENCRYPTED_COLUMNS } from '../../db/encrypted-columns.js';
import { rewritingArchived } from '../../db/helpers.js';
import { appendAudit } from '../../lib/audit/append.js';
import { SYSTEM_META } from '../../lib/audit/events.js';
import { waitForNodes, type NodeReport } from '../../lib/cluster/nodes.js';
import { DecryptError, encrypt, decrypt, rewrap } from '../../lib/crypto/envelope.js';
import {
  activateKey,
  fingerprints,
  loadKeyFile,
  retireKeys,
  stageKey,
  type Keyring,
} from '../../lib/crypto/keyring.js';

/**
 * Master-key rotation while servers run, on one node or many sharing the key file:
 *  1. stage: a new key joins the key file; every live node must report holding it (same
 *     fingerprint) before anything is sealed with it, so no node meets a value it cannot open;
 *  2. activate: it becomes the sealing key; every live node must report it active and drained
 *     (no connection taken before the switch still held), so nothing sealed with an old key is
 *     still on its way to the database;
 *  3. re-wrap (or, with `reencrypt`, re-encrypt under fresh data keys) every value still under
 *     an old key, in small transactions that never overwrite a value changed meanwhile;
 *  4. retire: once a fresh report from every node follows a count of zero values on old keys,
 *     the old keys leave the key file.
 * Any step that cannot be proven stops the rotation where it is, which is always safe to leave
 * and to resume by running it again.
 */
export interface RotationOptions {
  keyFile: string;
  reencrypt: boolean;
  /** how long to wait for the nodes at each step */
  waitMs: number;
  log: (line: string) => void;
}

export interface RotationResult {
  activeKey: string;
  changed: number;
  retired: string[];
  /** values that failed authentication: left as they were, and their key kept */
  unreadable: { table: string; id: string }[];
}

export class RotationRefused extends Error {}

const BATCH = 500;
const MAX_PASSES = 5;

type AnyDb = Kysely<Record<string, Record<string, string | null>>>;

function describe(nodes: NodeReport[], why: (n: NodeReport) => string): string {
  return nodes.map((n) => `  node ${n.host} pid ${n.pid}: ${why(n)}`).join('\n');
}

async function proveEveryNode(
  ctx: AppContext,
  options: RotationOptions,
  ready: (n: NodeReport) => boolean,
  why: (n: NodeReport) => string,
  what: string,
): Promise<void> {
  const pending = await waitForNodes(ctx.db.kysely, ready, options.waitMs);
  if (pending.length > 0) {
    throw new RotationRefused(
      `stopped: ${what} not confirmed by every node within ${options.waitMs / 1000} s\n` +
        describe(pending, why) +
        '\nEvery node must read the same key file (MIANTAN_KEY_FILE). Nothing was lost; run rotate-key again to resume.',
    );
  }
}

export async function rotateMasterKey(
  ctx: AppContext,
  options: RotationOptions,
): Promise<RotationResult> {
  const { keyFile, log } = options;
  let keyring = loadKeyFile(keyFile);
  // more than one key: a rotation stopped part-way, and it resumes with its newest key
  const resumed = keyring.keys.size > 1 ? newestKey(keyring) : null;
  const next = resumed ?? stageKey(keyFile);
  if (resumed) log(`resuming the rotation to ${resumed}`);
  else await audit(ctx, { action: 'keys.staged', payload: { key: next } }, next);
  keyring = loadKeyFile(keyFile);
  const fingerprint = fingerprints(keyring)[next]!;
  log(`staged key ${next}; waiting for every node to load it`);
  await proveEveryNode(
    ctx,
    options,
    (n) => n.keys[next] === fingerprint,
    (n) => (n.keys[next] ? `holds a different ${next}` : `has not loaded ${next}`),
    `loading key ${next}`,
  );

  if (keyring.activeId !== next) {
    activateKey(keyFile, next);
    await audit(ctx, { action: 'keys.activated', payload: { key: next } }, next);
  }
  keyring = loadKeyFile(keyFile);
  log(`key ${next} is active; waiting for every node to seal with it`);
  const sealingWithNext = (n: NodeReport) => n.activeKey === next && n.drained;
  const notSealingWithNext = (n: NodeReport) =>
    n.activeKey === next
      ? 'still finishing work begun under the old key'
      : `seals with ${n.activeKey}`;
  await proveEveryNode(ctx, options, sealingWithNext, notSealingWithNext, `sealing with ${next}`);

  let changed = 0;
  let unreadable: RotationResult['unreadable'] = [];
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const result = await moveValuesToActiveKey(ctx, keyring, options.reencrypt);
    changed += result.changed;
    unreadable = result.unreadable;
    log(`pass ${pass}: ${result.changed} values moved to ${next}`);
    if (result.remaining === 0) break;
  }
  // a fresh report from every node after the count: nothing under an old key is in flight
  await proveEveryNode(ctx, options, sealingWithNext, notSealingWithNext, `sealing with ${next}`);
  const stillUsed = await keysInUse(ctx);
  const retired = [...keyring.keys.keys()].filter((id) => id !== next && !stillUsed.has(id));
  if (retired.length > 0) retireKeys(keyFile, retired);
  const kept = [...stillUsed].filter((id) => id !== next);
  await audit(
    ctx,
    {
      action: 'keys.rotated',
      payload: { to: next, rows: changed, reencrypted: options.reencrypt, retired },
    },
    next,
  );
  if (ctx.db.dialect === 'sqlite') {
    // the replaced values' pages leave the write-ahead log too
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(ctx.db.kysely);
  }
  if (kept.length > 0) log(`kept ${kept.join(', ')}: values that fail authentication still use it`);
  return { activeKey: next, changed, retired, unreadable };
}

function newestKey(keyring: Keyring): string {
  const n = (k: string) => Number(k.replace(/^k/, '')) || 0;
  return [...keyring.keys.keys()].reduce((a, b) => (n(b) > n(a) ? b : a));
}

async function audit(
  ctx: AppContext,
  event: Parameters<typeof appendAudit>[2],
  key: string,
): Promise<void> {
  await ctx.db.kysely
    .transaction()
    .execute((trx) => appendAudit(trx, SYSTEM_META, event, { type: 'keys', id: key }));
}

const onKey = (keyId: string) => `v1.${keyId}.%`;

/**
 * One pass over every encrypted column: each value not under the active key is re-wrapped (or
 * re-encrypted) in a batch transaction, written only if the row still holds the value read.
 */
async function moveValuesToActiveKey(
  ctx: AppContext,
  keyring: Keyring,
  reencrypt: boolean,
): Promise<{ changed: number; remaining: number; unreadable: RotationResult['unreadable'] }> {
  // the registry names tables and columns as data, so this walk is untyped by design
  const db = ctx.db.kysely as unknown as AnyDb;
  let changed = 0;
  let remaining = 0;
  const unreadable: RotationResult['unreadable'] = [];
  for (const { table, column, field } of ENCRYPTED_COLUMNS) {
    let after = '';
    for (;;) {
      const rows = await db
        .selectFrom(table)
        .select(['id', column])
        .where('id', '>', after)
        .where(column, 'is not', null)
        .where(column, 'not like', onKey(keyring.activeId))
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) break;
      after = rows.at(-1)!.id as string;
      await ctx.db.kysely.transaction().execute((typed) =>
        rewritingArchived(typed, async () => {
          const trx = typed as unknown as AnyDb;
          for (const row of rows) {
            const id = row.id as string;
            const value = row[column] as string;
            const where = { table, id, field };
            let next: string;
            try {
              next = reencrypt
                ? encrypt(keyring, where, decrypt(keyring, where, value))
                : rewrap(keyring, where, value);
            } catch (err) {
              if (!(err instanceof DecryptError)) throw err;
              unreadable.push({ table, id });
              continue;
            }
            const result = await trx
              .updateTable(table)
              .set({ [column]: next })
              .where('id', '=', id)
              .where(column, '=', value)
              .executeTakeFirst();
            // a row changed meanwhile was sealed again by a node; the next pass looks at it
            if (Number(result.numUpdatedRows) === 1) changed++;
            else remaining++;
          }
        }),
      );
    }
  }
  return { changed, remaining, unreadable };
}

/** The master keys any stored value still refers to. */
async function keysInUse(ctx: AppContext): Promise<Set<string>> {
  const raw = ctx.db.kysely as unknown as AnyDb;
  const used = new Set<string>();
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    // one row per key id: the id is the envelope's second dot-separated part
    for (;;) {
      let query = raw.selectFrom(table).select(column).where(column, 'is not', null);
      for (const id of used) query = query.where(column, 'not like', onKey(id));
      const row = await query.limit(1).executeTakeFirst();
      if (!row) break;
      used.add((row[column] as string).split('.')[1]!);
    }
  }
  return used;
}
