import { recordListQuerySchema, type RecordListQuery } from '../src/core/records/api.js';
import { PAGE_SIZE } from './queries.js';

/** Whose list it is: HR over the whole organisation, or the head of 一车间 over the workshop. */
export type ListAccount = 'hr' | 'manager';

export interface RecordListScenario {
  key: string;
  title: string;
  account: ListAccount;
  /** the query string as the records page sends it, without limit */
  params: Record<string, string>;
}

export interface ListInputs {
  /** the department HR filters by (its whole subtree) */
  department: { id: string; name: string };
  nowMs: number;
}

const DAY_MS = 86_400_000;
const dayStart = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString();

/** A quarter a year ago: from 15 months back to 12 months back, whole days. */
export function lastYearsQuarter(nowMs: number): { from: string; to: string } {
  return { from: dayStart(nowMs - 456 * DAY_MS), to: dayStart(nowMs - 365 * DAY_MS) };
}

export function recordListScenarios(inputs: ListInputs): RecordListScenario[] {
  const range = lastYearsQuarter(inputs.nowMs);
  return [
    { key: 'manager-first', title: 'Manager (一车间): first page', account: 'manager', params: {} },
    {
      key: 'manager-state',
      title: 'Manager (一车间): drafts',
      account: 'manager',
      params: { state: 'draft' },
    },
    {
      key: 'manager-range',
      title: 'Manager (一车间): a quarter a year ago',
      account: 'manager',
      params: range,
    },
    { key: 'hr-first', title: 'HR (org): first page', account: 'hr', params: {} },
    {
      key: 'hr-department',
      title: `HR (org): department ${inputs.department.name} with its subtree`,
      account: 'hr',
      params: { departmentId: inputs.department.id },
    },
    {
      key: 'hr-state-range',
      title: 'HR (org): submitted, a quarter a year ago',
      account: 'hr',
      params: { state: 'submitted', ...range },
    },
  ];
}

export function recordListPath(params: Record<string, string>): string {
  return `/api/records?${new URLSearchParams({ ...params, limit: String(PAGE_SIZE) }).toString()}`;
}

/** The list query exactly as the HTTP route parses it. */
export const recordListQuery = (params: Record<string, string>): RecordListQuery =>
  recordListQuerySchema.parse({ ...params, limit: PAGE_SIZE });

export const describeParams = (params: Record<string, string>): string =>
  Object.keys(params).length === 0
    ? '(none)'
    : Object.entries(params)
        .map(([k, v]) => `\`${k}=${v}\``)
        .join(' ');
