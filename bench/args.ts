import { parseArgs } from 'node:util';

export type BenchDialect = 'sqlite' | 'postgres';

export const BENCH_PARTS = [
  'directory',
  'records',
  'backup',
  'pdf',
  'attachments',
  'sign',
] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

const isPart = (value: string): value is BenchPart =>
  (BENCH_PARTS as readonly string[]).includes(value);

export interface BenchArgs {
  employees: number;
  /** interview records to generate; 0 skips the records scenarios */
  records: number;
  /** run only this part (all by default) */
  only: BenchPart | null;
  /** seconds of measured load per run */
  duration: number;
  /** seconds of unmeasured load before each run */
  warmup: number;
  connections: number;
  /** size of the attachment uploaded and downloaded, in MB */
  attachmentMb: number;
  dialect: BenchDialect;
  out: string;
}

const USAGE = `usage: npm run bench -- [--employees N] [--records N] [--duration S] [--warmup S]
                        [--connections C] [--dialect sqlite|postgres]
                        [--only directory|records|backup|pdf|attachments|sign] [--attachment-mb MB]
                        [--out docs/benchmarks.md]`;

function positiveInt(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min)
    throw new Error(
      `--${name} expects ${min > 0 ? 'a positive' : 'a non-negative'} integer, got ${value}\n${USAGE}`,
    );
  return n;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      employees: { type: 'string' },
      records: { type: 'string' },
      only: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'attachment-mb': { type: 'string' },
      dialect: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const dialect = values.dialect ?? 'sqlite';
  if (dialect !== 'sqlite' && dialect !== 'postgres') {
    throw new Error(`--dialect expects sqlite or postgres, got ${dialect}\n${USAGE}`);
  }
  const only = values.only ?? null;
  if (only !== null && !isPart(only)) {
    throw new Error(`--only expects one of ${BENCH_PARTS.join(', ')}, got ${only}\n${USAGE}`);
  }
  const records = positiveInt('records', values.records, 0, 0);
  if (only === 'records' && records === 0) {
    throw new Error(`--only records needs --records N\n${USAGE}`);
  }
  return {
    employees: positiveInt('employees', values.employees, 100_000),
    records,
    only: only as BenchPart | null,
    duration: positiveInt('duration', values.duration, 15),
    warmup: positiveInt('warmup', values.warmup, 2),
    connections: positiveInt('connections', values.connections, 50),
    attachmentMb: positiveInt('attachment-mb', values['attachment-mb'], 20),
    dialect,
    out: values.out ?? 'docs/benchmarks.md',
  };
}
