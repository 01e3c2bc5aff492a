import type { RoleAssignmentInput } from '../../../core/roles.js';
import type { AppContext } from '../../context.js';
import { lockAcrossNodes } from '../../db/helpers.js';
import { appendAudit } from '../../lib/audit/append.js';
import { SYSTEM_META } from '../../lib/audit/events.js';
import { applyOrgPlan } from '../org/writer.js';
import { hashPassword } from '../auth/passwords.js';
import { createAccount } from '../users/service.js';
import { generateOrg } from './generate-org.js';
import { seedHistory } from './history.js';

export const DEMO_PASSWORD = 'Miantan@2026';
/** Headquarters plus two plants and two internet divisions: 390 people. */
export const DEMO_EMPLOYEES = 390;

export interface DemoLogin {
  username: string;
  role: string;
  who: string;
}

interface DemoAccount {
  username: string;
  displayName?: string;
  /** [department code, index in its staff list: 0 is the head] */
  employee?: [string, number];
  roles: RoleAssignmentInput[];
  who: string;
}

const ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    roles: [{ role: 'admin', scopeKind: 'org' }],
    who: 'system administrator (no interview content)',
  },
  {
    username: 'hr',
    employee: ['BJ-HR', 1],
    roles: [{ role: 'hr', scopeKind: 'org' }],
    who: 'HRBP, whole organisation',
  },
  {
    username: 'hr.east',
    employee: ['BJ-HR', 2],
    roles: [{ role: 'hr', scopeKind: 'region', regionId: 'EAST' }],
    who: 'HRBP for 华东 only',
  },
  {
    username: 'manager',
    employee: ['SH-W1', 0],
    roles: [{ role: 'manager', scopeKind: 'team' }],
    who: '一车间 车间主任 (Shanghai plant)',
  },
  {
    username: 'manager.rd',
    employee: ['SZ-RD', 0],
    roles: [{ role: 'manager', scopeKind: 'team' }],
    who: '研发总监 (internet division)',
  },
  { username: 'employee', employee: ['SH-W1-T1', 1], roles: [], who: 'operator in 一车间甲班组' },
  {
    username: 'executive',
    employee: ['BJ-HQ', 0],
    roles: [{ role: 'executive', scopeKind: 'org' }],
    who: '总经理, aggregates only',
  },
  {
    username: 'auditor',
    employee: ['BJ-COMP', 1],
    roles: [{ role: 'auditor', scopeKind: 'org' }],
    who: 'compliance officer, audit log only',
  },
];

/**
 * Creates the demo organisation and one login per role, unless the database already has people;
 * with `history`, two years of past interviews too (tests that count records leave it out).
 * All in one transaction: a crash while seeding leaves an empty database, seeded again at the
 * next start, not half an organisation that looks seeded. Nodes starting together on one empty
 * PostgreSQL database take turns (their checks would otherwise all find it empty, and all but one
 * insert fail on the unique codes); the later ones find it seeded.
 */
export async function seedDemo(
  ctx: AppContext,
  options: { history?: boolean; everyone?: boolean } = {},
): Promise<DemoLogin[] | null> {
  // One argon2id hash (19 MiB, two passes: tens of milliseconds) serves every demo account, which
  // all share the demo password: hashing it per account would add most of a minute to the first
  // start once everybody has an account. Each hash normally gets its own salt; the demo's shared
  // password is public anyway, so one salt for all of them hides nothing.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seeded = await ctx.db.kysely.transaction().execute(async (trx) => {
    await lockAcrossNodes(trx, ctx.db.dialect, 'miantan.demo-seed');
    const existing = await trx.selectFrom('employees').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    const org = generateOrg({ employees: DEMO_EMPLOYEES });
    await applyOrgPlan(trx, ctx.keyring, org.plan);
    await appendAudit(
      trx,
      SYSTEM_META,
      { action: 'org.seeded', payload: { employees: org.employeeCount } },
      { type: 'org', id: null },
    );
    const regionId = new Map(org.plan.newRegions.map((r) => [r.code, r.id]));
    const people = new Map(org.plan.employees.map(({ row }) => [row.id, row.name]));
    const accounts = new Map<string, string>();
    for (const account of ACCOUNTS) {
      const employeeId = account.employee
        ? org.staff.get(account.employee[0])?.[account.employee[1]]
        : undefined;
      const user = await createAccount(
        trx,
        SYSTEM_META,
        null,
        {
          username: account.username,
          displayName:
            account.displayName ?? (employeeId ? people.get(employeeId)! : account.username),
          employeeId,
          password: DEMO_PASSWORD,
          roles: account.roles.map((r) =>
            r.regionId ? { ...r, regionId: regionId.get(r.regionId)! } : r,
          ),
        },
        passwordHash,
      );
      if (employeeId) accounts.set(employeeId, user.id);
    }
    const login = { password: DEMO_PASSWORD, hash: passwordHash };
    if (options.history) await seedHistory(ctx, trx, org, accounts, login);
    // everyone must be able to sign what is sent to them: the rest get a login `e<工号>` too
    if (options.everyone) {
      for (const { row } of org.plan.employees) {
        if (accounts.has(row.id) || row.status !== 'active') continue;
        const user = await createAccount(
          trx,
          SYSTEM_META,
          null,
          {
            username: row.employee_no.toLowerCase(),
            displayName: row.name,
            employeeId: row.id,
            password: DEMO_PASSWORD,
            roles: [],
          },
          passwordHash,
        );
        accounts.set(row.id, user.id);
      }
    }
    return true;
  });
  if (!seeded) return null;
  return ACCOUNTS.map((a) => ({
    username: a.username,
    role: a.roles[0]?.role ?? 'employee',
    who: a.who,
  }));
}
