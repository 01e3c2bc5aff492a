import { mulberry32 } from './records-content.js';

/** What record generation needs to know about an employee (read back from the seeded org). */
export interface SeedEmployee {
  id: string;
  employeeNo: string;
  name: string;
  departmentId: string;
  departmentName: string;
  regionId: string;
  regionCode: string;
  positionName: string | null;
  managerId: string | null;
}

/**
 * Who is interviewed when, for every record, sorted by interview time so that the rows are
 * written in the order a real system would have written them over the years. Shared with the
 * generator threads without copying.
 */
export interface RecordPlan {
  count: number;
  nowMs: number;
  /** index into the employee list, per record */
  employee: Int32Array;
  /** interview time, ms since the epoch, per record (ascending) */
  at: Float64Array;
}

export const PLAN_YEARS = 3;
const DAY_MS = 86_400_000;
const SLOTS_PER_DAY = 36; // 09:00–17:45 China time in quarter hours
const FIRST_SLOT_UTC_MS = 1 * 3_600_000; // 09:00 CST

/** A weekday quarter-hour in working hours within the last three years. */
function interviewTime(rand: () => number, nowMs: number): number {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  let day = today - Math.floor(rand() * PLAN_YEARS * 365) * DAY_MS;
  const weekday = new Date(day).getUTCDay();
  if (weekday === 0) day -= 2 * DAY_MS;
  if (weekday === 6) day -= DAY_MS;
  const at = day + FIRST_SLOT_UTC_MS + Math.floor(rand() * SLOTS_PER_DAY) * 900_000;
  return at > nowMs ? at - 7 * DAY_MS : at;
}

/**
 * Spreads `total` records over every employee who has a manager (the manager interviews them):
 * the same number each, the remainder to randomly chosen people.
 */
export function planRecords(
  employees: readonly SeedEmployee[],
  total: number,
  nowMs: number,
  seed: number,
): RecordPlan {
  const rand = mulberry32(seed);
  const eligible = employees.flatMap((e, i) => (e.managerId ? [i] : []));
  if (eligible.length === 0) throw new Error('no employee has a manager to interview them');
  const per = Math.floor(total / eligible.length);
  const extra = new Set<number>();
  while (extra.size < total % eligible.length)
    extra.add(eligible[Math.floor(rand() * eligible.length)]!);

  const who = new Int32Array(total);
  const when = new Float64Array(total);
  let n = 0;
  for (const i of eligible) {
    for (let k = per + (extra.has(i) ? 1 : 0); k > 0; k--) {
      who[n] = i;
      when[n] = interviewTime(rand, nowMs);
      n++;
    }
  }
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  order.sort((a, b) => when[a]! - when[b]! || who[a]! - who[b]!);

  const employee = new Int32Array(new SharedArrayBuffer(total * Int32Array.BYTES_PER_ELEMENT));
  const at = new Float64Array(new SharedArrayBuffer(total * Float64Array.BYTES_PER_ELEMENT));
  for (let i = 0; i < total; i++) {
    employee[i] = who[order[i]!]!;
    at[i] = when[order[i]!]!;
  }
  return { count: total, nowMs, employee, at };
}
