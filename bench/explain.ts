import {
  CompiledQuery,
  createQueryId,
  type Kysely,
  type KyselyPlugin,
  type RootOperationNode,
} from 'kysely';
import type { EmployeeScope } from '../src/core/access/scope.js';
import type { AppContext } from '../src/server/context.js';
import type { Database } from '../src/server/db/schema.js';
import { searchEmployees } from '../src/server/modules/directory/repo.js';
import { directoryQuery } from './raw-query.js';

export interface QueryPlan {
  sql: string;
  parameters: readonly unknown[];
  /** one line per plan step, indented by depth */
  plan: string[];
}

interface SqlitePlanRow {
  id: number;
  parent: number;
  detail: string;
}

/** Every SQL statement `run` sends, in order, captured on its way. */
export async function captureQueries(
  ctx: AppContext,
  run: (db: Kysely<Database>) => Promise<unknown>,
): Promise<CompiledQuery[]> {
  const nodes: RootOperationNode[] = [];
  const capture: KyselyPlugin = {
    transformQuery: (args) => {
      nodes.push(args.node);
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  const { kysely } = ctx.db;
  await run(kysely.withPlugin(capture));
  if (nodes.length === 0) throw new Error('no query ran');
  return nodes.map((node) => kysely.getExecutor().compileQuery(node, createQueryId()));
}

function sqliteTree(rows: SqlitePlanRow[]): string[] {
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((row) => {
    const d = (depth.get(row.parent) ?? -1) + 1;
    depth.set(row.id, d);
    return `${'  '.repeat(d)}${row.detail}`;
  });
}

/** EXPLAIN QUERY PLAN (SQLite) or EXPLAIN (PostgreSQL) of a compiled query. */
export async function explainQuery(ctx: AppContext, compiled: CompiledQuery): Promise<QueryPlan> {
  const { kysely, dialect } = ctx.db;
  const prefix = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
  const result = await kysely.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]),
  );
  const plan =
    dialect === 'sqlite'
      ? sqliteTree(result.rows as unknown as SqlitePlanRow[])
      : result.rows.map((r) => String(r['QUERY PLAN']));
  return { sql: compiled.sql, parameters: compiled.parameters, plan };
}

/** EXPLAIN QUERY PLAN (SQLite) or EXPLAIN (PostgreSQL) of the directory search. */
export async function explainSearch(
  ctx: AppContext,
  scope: EmployeeScope,
  q: string,
): Promise<QueryPlan> {
  // the list query is the last one, after its look-ups
  const compiled = await captureQueries(ctx, (db) =>
    searchEmployees(db, ctx.db.dialect, scope, directoryQuery(q), null),
  );
  return explainQuery(ctx, compiled.at(-1)!);
}
