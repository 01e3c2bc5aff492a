import type { BenchAccounts } from './seed.js';

/** What people type into the directory box: pinyin initials, pinyin, Chinese, employee numbers. */
export const SEARCH_QUERIES: readonly string[] = [
  'zw',
  'lj',
  'wh',
  'cx',
  'zhang',
  'wangwei',
  'liu',
  'chenj',
  '张',
  '李',
  '王芳',
  'E1001',
  'E1234',
  'E100042',
];

/** The pinyin-initials query whose query plan goes into the report. */
export const EXPLAINED_QUERY = 'zw';

export const PAGE_SIZE = 20;

export interface Scenario {
  key: string;
  title: string;
  account: keyof BenchAccounts;
  /** '' is the unfiltered first page */
  queries: readonly string[];
}

export const SCENARIOS: readonly Scenario[] = [
  {
    key: 'hr-search',
    title: 'HR search, whole organisation (org scope)',
    account: 'hr',
    queries: SEARCH_QUERIES,
  },
  {
    key: 'manager-search',
    title: 'Manager search, own team (team scope: 一车间)',
    account: 'manager',
    queries: SEARCH_QUERIES,
  },
  {
    key: 'hr-first-page',
    title: 'HR unfiltered first page (org scope)',
    account: 'hr',
    queries: [''],
  },
];

export function searchPath(q: string): string {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (q !== '') query.set('q', q);
  return `/api/directory/employees?${query.toString()}`;
}

export const describeQueries = (queries: readonly string[]): string =>
  queries.map((q) => (q === '' ? '(none)' : `\`${q}\``)).join(', ');
