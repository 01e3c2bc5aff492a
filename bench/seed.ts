import type { AppContext } from '../src/server/context.js';
import { SYSTEM_META } from '../src/server/lib/audit/events.js';
import { generateOrg } from '../src/server/modules/demo/generate-org.js';
import { applyOrgPlan } from '../src/server/modules/org/writer.js';
import { createAccount } from '../src/server/modules/users/service.js';
import { elapsedMs } from './stats.js';

export const BENCH_PASSWORD = 'Bench@Miantan2026';

export interface SeededOrg {
  employeeCount: number;
  generateMs: number;
  writeMs: number;
  staff: Map<string, string[]>;
}

/** Generates the organisation with the demo generator and writes it in one transaction. */
export async function seedOrg(ctx: AppContext, employees: number): Promise<SeededOrg> {
  const start = process.hrtime.bigint();
  const org = generateOrg({ employees, seed: 20261123 });
  const generateMs = elapsedMs(start);
  const writeStart = process.hrtime.bigint();
  await ctx.db.kysely.transaction().execute((trx) => applyOrgPlan(trx, ctx.keyring, org.plan));
  return {
    employeeCount: org.employeeCount,
    generateMs,
    writeMs: elapsedMs(writeStart),
    staff: org.staff,
  };
}

export interface BenchAccount {
  username: string;
  userId: string;
  employeeId: string | null;
}

export interface BenchAccounts {
  hr: BenchAccount;
  manager: BenchAccount;
}

/** An HR account over the whole organisation and the head of 一车间 as a team manager. */
export async function createBenchAccounts(
  ctx: AppContext,
  staff: Map<string, string[]>,
): Promise<BenchAccounts> {
  const head = staff.get('SH-W1')?.[0];
  if (!head) throw new Error('the generated organisation has no 一车间 (SH-W1)');
  const hr = await ctx.db.kysely.transaction().execute((db) =>
    createAccount(db, SYSTEM_META, null, {
      username: 'bench.hr',
      displayName: '压测人事',
      password: BENCH_PASSWORD,
      roles: [{ role: 'hr', scopeKind: 'org' }],
    }),
  );
  const manager = await ctx.db.kysely.transaction().execute((db) =>
    createAccount(db, SYSTEM_META, null, {
      username: 'bench.manager',
      displayName: '压测经理',
      employeeId: head,
      password: BENCH_PASSWORD,
      roles: [{ role: 'manager', scopeKind: 'team' }],
    }),
  );
  return {
    hr: { username: hr.username, userId: hr.id, employeeId: hr.employeeId },
    manager: { username: manager.username, userId: manager.id, employeeId: manager.employeeId },
  };
}
