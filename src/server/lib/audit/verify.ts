import type { Kysely } from 'kysely';
import type { AuditProblem, AuditVerifyReport, CheckpointSource } from '../../../core/audit.js';
import type { Database } from '../../db/schema.js';
import { entryHash, GENESIS_HASH } from './chain.js';
import {
  checkSignature,
  checkpointFromRow,
  newestCheckpoint,
  readCheckpointFile,
  type Checkpoint,
  type CheckpointStore,
} from './checkpoints.js';
import { entryMacValid, type AuditKeys } from './keys.js';

const BATCH = 5000;
/** a chain rewritten from its first entry has a problem at every entry; the report keeps these */
const PROBLEMS_KEPT = 1000;

type Finding = Omit<AuditProblem, 'source' | 'line'> &
  Partial<Pick<AuditProblem, 'source' | 'line'>>;

class Findings {
  list: AuditProblem[] = [];
  count = 0;
  add(p: Finding) {
    this.count++;
    if (this.list.length < PROBLEMS_KEPT) this.list.push({ source: null, line: null, ...p });
  }
}

interface Link {
  seq: number;
  hash: string;
}

const GENESIS: Link = { seq: 0, hash: GENESIS_HASH };

interface Walk {
  entries: number;
  /** the last row, whoever wrote it */
  lastSeq: number;
  /** the last entry Miantan wrote: what the head must name, and what the next entry links to */
  last: Link;
  /** the first entry with a valid MAC */
  firstMac: number | null;
  hashAt: Map<number, string>;
}

/**
 * Recomputes every link after `from` (not just the ends) and each entry's MAC. An entry without
 * a valid MAC where entries carry one (from `macsFrom`, which a checkpoint signs, or from the
 * first entry that has one) was not written by Miantan: it is named, and the chain is followed
 * across it, since Miantan links its next entry to its own last one.
 */
async function walkChain(
  db: Kysely<Database>,
  keys: AuditKeys,
  from: Link,
  findings: Findings,
  options: { until?: number; macsFrom: number; wanted?: Set<number> },
): Promise<Walk> {
  const walk: Walk = {
    entries: 0,
    lastSeq: from.seq,
    last: from,
    firstMac: null,
    hashAt: new Map(),
  };
  let macsBegan = false;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', walk.lastSeq)
      .$if(options.until !== undefined, (qb) => qb.where('seq', '<=', options.until!))
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) };
      walk.entries++;
      if (row.seq !== walk.lastSeq + 1) {
        findings.add({
          seq: walk.lastSeq + 1,
          kind: 'deleted',
          detail: `entries ${walk.lastSeq + 1}–${row.seq - 1} are missing`,
        });
      }
      walk.lastSeq = row.seq;
      const mac =
        row.mac === null
          ? 'none'
          : entryMacValid(keys.entryKey, row.hash, row.mac)
            ? 'valid'
            : 'invalid';
      const forged =
        mac === 'invalid' || (mac === 'none' && (macsBegan || row.seq >= options.macsFrom));
      if (forged) {
        findings.add({
          seq: row.seq,
          kind: 'forged',
          detail:
            mac === 'none'
              ? 'carries no MAC where every entry must: not written by Miantan'
              : 'its MAC does not match: not written by Miantan, or its hash was recomputed',
        });
      } else if (entryHash(row) !== row.hash) {
        findings.add({ seq: row.seq, kind: 'modified', detail: 'content does not match its hash' });
      } else if (row.prev_hash !== walk.last.hash) {
        findings.add({
          seq: row.seq,
          kind: 'inserted',
          detail: 'does not link to the entry before it (inserted or reordered)',
        });
      }
      if (mac === 'valid' && !macsBegan) {
        macsBegan = true;
        walk.firstMac = row.seq;
      }
      if (!forged) walk.last = { seq: row.seq, hash: row.hash };
      if (options.wanted?.has(row.seq)) walk.hashAt.set(row.seq, row.hash);
    }
    if (rows.length < BATCH) break;
  }
  return walk;
}

async function readHead(db: Kysely<Database>): Promise<Link | null> {
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return head ? { seq: Number(head.seq), hash: head.hash } : null;
}

function checkHead(head: Link | null, walk: Walk, findings: Findings) {
  if (head && head.seq === walk.last.seq && head.hash === walk.last.hash) return;
  const headSeq = head?.seq ?? 0;
  findings.add({
    seq: Math.min(headSeq, walk.last.seq) + 1,
    kind: 'head_mismatch',
    detail:
      headSeq > walk.lastSeq
        ? `head says ${headSeq}, the log ends at ${walk.lastSeq}: entries were removed from the end`
        : `the head (${headSeq}) does not name the last entry Miantan wrote (${walk.last.seq})`,
  });
}

function signatureFinding(
  keys: AuditKeys,
  c: Checkpoint,
  where: Pick<AuditProblem, 'source' | 'line'>,
): Finding | null {
  const check = checkSignature(keys, c);
  if (check === 'valid') return null;
  return {
    seq: c.seq,
    ...where,
    kind: check === 'other_key' ? 'checkpoint_other_key' : 'checkpoint_signature',
    detail:
      check === 'other_key'
        ? `signed with another key (${c.key}), not the configured one (${keys.keyId})`
        : 'its signature is invalid',
  };
}

interface Located {
  checkpoint: Checkpoint;
  source: CheckpointSource;
  line: number | null;
}

/** Reads a checkpoint file into `into`, its unreadable lines into `findings`; false if missing. */
function readCheckpointsFrom(
  file: string,
  source: CheckpointSource,
  into: Located[],
  findings: Findings,
): boolean {
  const read = readCheckpointFile(file);
  for (const u of read.unreadable) {
    findings.add({
      seq: null,
      kind: 'checkpoint_unreadable',
      source,
      line: u.line,
      detail: `${file}${u.line === null ? '' : ` line ${u.line}`}: ${u.reason}`,
    });
  }
  for (const c of read.checkpoints) into.push({ ...c, source });
  return !read.missing;
}

/**
 * Checks the whole chain against every signed checkpoint there is: the database's, this
 * server's file and, when given, an exported copy. Only reads, and never throws on bad data:
 * whatever is wrong is a problem in the report. `localFile: false` is for a database restored
 * from a backup, whose checkpoint file belongs to the instance it came from.
 */
export async function verifyAuditChain(
  db: Kysely<Database>,
  store: CheckpointStore,
  options: { exported?: string; localFile?: boolean } = {},
): Promise<AuditVerifyReport> {
  const { keys } = store;
  const findings = new Findings();

  const located: Located[] = (
    await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute()
  ).map((r) => ({ checkpoint: checkpointFromRow(r), source: 'database', line: null }));
  const inDatabase = new Set(located.map((l) => l.checkpoint.seq));
  const fileFound =
    options.localFile === false || readCheckpointsFrom(store.file, 'file', located, findings);
  const exportedFound = options.exported
    ? readCheckpointsFrom(options.exported, 'exported', located, findings)
    : true;

  const valid: Located[] = [];
  for (const l of located) {
    const problem = signatureFinding(keys, l.checkpoint, l);
    if (problem) findings.add(problem);
    else valid.push(l);
  }
  for (const l of valid) {
    if (l.source !== 'database' && !inDatabase.has(l.checkpoint.seq)) {
      findings.add({
        seq: l.checkpoint.seq,
        kind: 'checkpoint_missing',
        source: l.source,
        line: l.line,
        detail: 'a signed checkpoint the database no longer has: it was deleted there',
      });
    }
  }

  const walk = await walkChain(db, keys, GENESIS, findings, {
    macsFrom: valid.reduce((min, l) => Math.min(min, l.checkpoint.macsFrom ?? Infinity), Infinity),
    wanted: new Set(valid.map((l) => l.checkpoint.seq)),
  });
  const head = await readHead(db);
  checkHead(head, walk, findings);

  const compared = new Set<string>();
  for (const { checkpoint: c } of valid) {
    if (compared.has(`${c.seq}|${c.hash}`)) continue;
    compared.add(`${c.seq}|${c.hash}`);
    if (c.seq > walk.lastSeq) {
      findings.add({
        seq: c.seq,
        kind: 'truncated',
        detail: `a signed checkpoint vouches for entry ${c.seq}, the log ends at ${walk.lastSeq}: entries were cut from the end`,
      });
    } else if (walk.hashAt.get(c.seq) !== c.hash) {
      findings.add({
        seq: c.seq,
        kind: 'checkpoint_mismatch',
        detail: 'the chain differs from the signed checkpoint: it was rewritten',
      });
    }
  }
  if (walk.entries > 0) {
    if (!fileFound) {
      findings.add({
        seq: null,
        kind: 'checkpoint_file_missing',
        source: 'file',
        detail: `${store.file} is missing`,
      });
    }
    if (valid.length === 0) {
      findings.add({
        seq: null,
        kind: 'no_checkpoint',
        detail:
          'no signed checkpoint vouches for the log: start the server or run `miantan checkpoint`',
      });
    }
  }
  if (!exportedFound) {
    findings.add({
      seq: null,
      kind: 'checkpoint_file_missing',
      source: 'exported',
      detail: `${options.exported} is missing`,
    });
  }

  const problems = findings.list.sort(
    (a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity) || a.kind.localeCompare(b.kind),
  );
  const last = valid.reduce<Checkpoint | null>(
    (newest, l) => (!newest || l.checkpoint.seq > newest.seq ? l.checkpoint : newest),
    null,
  );
  const headSeq = head?.seq ?? 0;
  return {
    ok: findings.count === 0,
    entries: walk.entries,
    headSeq,
    checkpoints: new Set(valid.map((l) => l.checkpoint.seq)).size,
    lastCheckpoint: last && { seq: last.seq, at: last.at },
    entriesSinceCheckpoint: Math.max(0, headSeq - (last?.seq ?? 0)),
    firstProblem: problems[0] ?? null,
    problems,
    problemCount: findings.count,
  };
}

export type Proof =
  | { ok: true; head: Link & { macsFrom: number }; base: Checkpoint | null }
  | { ok: false; problem: AuditProblem };

/**
 * What a new checkpoint rests on: the chain from the newest signed checkpoint to the head holds,
 * every link and every MAC of that segment recomputed, and the checkpoint it starts from is ours.
 * Cost grows with the entries since that checkpoint, not with the log.
 */
export async function proveHead(db: Kysely<Database>, store: CheckpointStore): Promise<Proof> {
  const findings = new Findings();
  const base = await newestCheckpoint(db);
  const head = await readHead(db);
  const fail = (p: Finding): Proof => ({ ok: false, problem: { source: null, line: null, ...p } });
  if (base) {
    const signature = signatureFinding(store.keys, base, { source: 'database', line: null });
    if (signature) return fail(signature);
  }
  if (!head) return fail({ seq: null, kind: 'head_mismatch', detail: 'the head row is gone' });
  if (base && head.seq <= base.seq) {
    if (head.seq === base.seq && head.hash === base.hash)
      return { ok: true, head: { ...head, macsFrom: base.macsFrom! }, base };
    return fail({
      seq: base.seq,
      kind: head.seq < base.seq ? 'truncated' : 'checkpoint_mismatch',
      detail: `the head (${head.seq}) is not where the last signed checkpoint (${base.seq}) left it`,
    });
  }
  const walk = await walkChain(db, store.keys, base ?? GENESIS, findings, {
    until: head.seq,
    macsFrom: base?.macsFrom ?? Infinity,
  });
  checkHead(head, walk, findings);
  const first = findings.list.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))[0];
  if (first) return { ok: false, problem: first };
  // carried from checkpoint to checkpoint; the first one takes it from the log itself
  const macsFrom = base?.macsFrom ?? walk.firstMac ?? head.seq + 1;
  return { ok: true, head: { ...head, macsFrom }, base };
}
