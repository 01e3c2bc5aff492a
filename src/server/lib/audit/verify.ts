import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { entryHash, GENESIS_HASH } from './chain.js';
import { checkpointSignatureValid, readCheckpoints, type CheckpointStore } from './checkpoints.js';

export type ProblemKind =
  | 'modified'
  | 'deleted'
  | 'inserted'
  | 'head_mismatch'
  | 'checkpoint_signature'
  | 'checkpoint_mismatch';

export interface Problem {
  seq: number;
  kind: ProblemKind;
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  headSeq: number;
  checkpoints: number;
  firstProblem: Problem | null;
  problems: Problem[];
}

const BATCH = 5000;

/** Recomputes every link of the chain (not just its ends) and checks it against the checkpoints. */
export async function verifyAuditChain(
  db: Kysely<Database>,
  store: CheckpointStore | null,
): Promise<VerifyReport> {
  const problems: Problem[] = [];
  const checkpoints = store ? readCheckpoints(store) : [];
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const hashAt = new Map<number, string>();
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let entries = 0;

  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', prevSeq)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) };
      entries++;
      const expected = prevSeq + 1;
      const { hash, ...rest } = row;
      if (row.seq !== expected) {
        problems.push({
          seq: expected,
          kind: 'deleted',
          detail: `entries ${expected}–${row.seq - 1} are missing`,
        });
      } else if (entryHash(rest) !== hash) {
        problems.push({
          seq: row.seq,
          kind: 'modified',
          detail: 'content does not match its hash',
        });
      } else if (row.prev_hash !== prevHash) {
        problems.push({
          seq: row.seq,
          kind: 'inserted',
          detail: 'does not link to the entry before it (inserted or reordered)',
        });
      }
      if (wanted.has(row.seq)) hashAt.set(row.seq, hash);
      prevSeq = row.seq;
      prevHash = hash;
    }
    if (rows.length < BATCH) break;
  }

  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  const headSeq = Number(head?.seq ?? 0);
  if (!head || headSeq !== prevSeq || head.hash !== prevHash) {
    problems.push({
      seq: Math.min(headSeq, prevSeq) + 1,
      kind: 'head_mismatch',
      detail: `head says ${headSeq}, the log ends at ${prevSeq}: entries were removed from the end`,
    });
  }

  for (const c of checkpoints) {
    if (!store || !checkpointSignatureValid(store, c)) {
      problems.push({
        seq: c.seq,
        kind: 'checkpoint_signature',
        detail: 'checkpoint signature is invalid',
      });
    } else if (hashAt.get(c.seq) !== c.hash) {
      problems.push({
        seq: c.seq,
        kind: 'checkpoint_mismatch',
        detail: 'the chain differs from the signed checkpoint: it was rewritten or truncated',
      });
    }
  }

  problems.sort((a, b) => a.seq - b.seq);
  return {
    ok: problems.length === 0,
    entries,
    headSeq,
    checkpoints: checkpoints.length,
    firstProblem: problems[0] ?? null,
    problems,
  };
}
