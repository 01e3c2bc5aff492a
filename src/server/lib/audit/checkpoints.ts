import { sign, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditCheckpoint, AuditProblem } from '../../../core/audit.js';
import type { Database } from '../../db/schema.js';
import { loadAuditKeys, type AuditKeys } from './keys.js';

/**
 * Signed checkpoints (sequence, head hash): someone who can write the database can recompute the
 * whole chain, but cannot sign a checkpoint without the audit key. Each is kept twice, in the
 * database (where every node sees it) and appended to a file (which can live on another disk or
 * host); an exported copy can leave the machine altogether.
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  /** the signing key's id; '' on checkpoints signed before entries carried MACs */
  key: string;
  /** every entry from this one on carries a MAC; null on those older checkpoints */
  macsFrom: number | null;
  sig: string;
}

export interface CheckpointStore {
  file: string;
  keys: AuditKeys;
  /** this node's last refusal to sign (its proof failed), until it signs again */
  refusal: (AuditProblem & { at: string }) | null;
}

const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

export function openCheckpointStore(dir: string, signingKeyPem: string | null): CheckpointStore {
  return {
    file: path.join(dir, CHECKPOINT_FILE),
    keys: loadAuditKeys(dir, signingKeyPem),
    refusal: null,
  };
}

/** Older checkpoints signed less; stripping a newer one down to their form breaks its signature. */
const message = (c: Omit<Checkpoint, 'sig'>) =>
  Buffer.from(
    `miantan-audit-checkpoint|${c.seq}|${c.hash}|${c.at}` + (c.key === '' ? '' : `|${c.macsFrom}`),
    'utf8',
  );

export function signCheckpoint(
  keys: AuditKeys,
  head: { seq: number; hash: string; macsFrom: number },
): Checkpoint {
  const body = {
    seq: head.seq,
    hash: head.hash,
    at: new Date().toISOString(),
    key: keys.keyId,
    macsFrom: head.macsFrom,
  };
  return { ...body, sig: sign(null, message(body), keys.privateKey).toString('base64') };
}

export function checkSignature(keys: AuditKeys, c: Checkpoint): AuditCheckpoint['signature'] {
  let valid = false;
  try {
    valid = verify(null, message(c), keys.publicKey, Buffer.from(c.sig, 'base64'));
  } catch {
    // a signature of the wrong shape is simply not valid
  }
  if (valid) return 'valid';
  return c.key && c.key !== keys.keyId ? 'other_key' : 'invalid';
}

const lineSchema = z.object({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  key: z.string().default(''),
  macsFrom: z.number().int().positive().nullable().default(null),
  sig: z.string(),
});

interface CheckpointFile {
  missing: boolean;
  checkpoints: { line: number; checkpoint: Checkpoint }[];
  /** line null: the file as a whole could not be read */
  unreadable: { line: number | null; reason: string }[];
}

/** Reads a checkpoint file (the server's own or an exported copy) without ever throwing. */
export function readCheckpointFile(file: string): CheckpointFile {
  const result: CheckpointFile = { missing: false, checkpoints: [], unreadable: [] };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') result.missing = true;
    else result.unreadable.push({ line: null, reason: code ?? String(err) });
    return result;
  }
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      result.unreadable.push({ line: index + 1, reason: 'not JSON (torn or edited)' });
      return;
    }
    const parsed = lineSchema.safeParse(value);
    if (parsed.success) result.checkpoints.push({ line: index + 1, checkpoint: parsed.data });
    else result.unreadable.push({ line: index + 1, reason: 'not a checkpoint' });
  });
  return result;
}

/** One line per checkpoint, each on its own line even after a torn one; on disk before return. */
function appendCheckpointLine(file: string, c: Checkpoint): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = fs.openSync(file, 'a+', 0o600);
  try {
    const { size } = fs.fstatSync(fd);
    const last = Buffer.alloc(1);
    const torn = size > 0 && fs.readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
    fs.writeSync(fd, (torn ? '\n' : '') + checkpointLine(c));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function checkpointLine(c: Checkpoint): string {
  const { seq, hash, at, key, macsFrom, sig } = c;
  return JSON.stringify({ seq, hash, at, key, macsFrom, sig }) + '\n';
}

type CheckpointRow = Database['audit_checkpoints'];

export const checkpointFromRow = (r: CheckpointRow): Checkpoint => ({
  seq: Number(r.seq),
  hash: r.hash,
  at: r.at,
  key: r.key_id,
  macsFrom: Number(r.macs_from),
  sig: r.sig,
});

export async function newestCheckpoint(db: Kysely<Database>): Promise<Checkpoint | null> {
  const row = await db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? checkpointFromRow(row) : null;
}

/**
 * Signs the head and stores the checkpoint: in the database first, and in the file only when
 * this node's row went in, so that nodes signing the same head at once leave one row and one
 * line. A crash between the two leaves a row without its line, never a line the database lacks
 * (which `verify` reports as a checkpoint deleted from the database).
 */
export async function recordCheckpoint(
  db: Kysely<Database>,
  store: CheckpointStore,
  head: { seq: number; hash: string; macsFrom: number },
): Promise<Checkpoint | null> {
  const c = signCheckpoint(store.keys, head);
  const result = await db
    .insertInto('audit_checkpoints')
    .values({
      seq: c.seq,
      hash: c.hash,
      at: c.at,
      key_id: c.key,
      macs_from: head.macsFrom,
      sig: c.sig,
    })
    .onConflict((oc) => oc.column('seq').doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return null;
  appendCheckpointLine(store.file, c);
  return c;
}
