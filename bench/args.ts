import { parseArgs } from 'node:util';

export type BenchDialect = 'sqlite' | 'postgres';

export interface BenchArgs {
  employees: number;
  /** seconds of measured load per run */
  duration: number;
  /** seconds of unmeasured load before each run */
  warmup: number;
  connections: number;
  dialect: BenchDialect;
  out: string;
}

const USAGE = `usage: npm run bench -- [--employees N] [--duration S] [--warmup S] [--connections C]
                        [--dialect sqlite|postgres] [--out docs/benchmarks.md]`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`--${name} expects a positive integer, got ${value}\n${USAGE}`);
  return n;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      employees: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
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
  return {
    employees: positiveInt('employees', values.employees, 100_000),
    duration: positiveInt('duration', values.duration, 15),
    warmup: positiveInt('warmup', values.warmup, 2),
    connections: positiveInt('connections', values.connections, 50),
    dialect,
    out: values.out ?? 'docs/benchmarks.md',
  };
}
