import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * Newest first; `before` is the seq of the last entry already shown. Each entry comes with its
 * target's name, joined by primary key in the same query: a person's or account's name, a
 * template's name, the employee a record or planned interview is about, never its content.
 */
export function listEntries(
  db: Kysely<Database>,
  opts: { before?: number; actions?: string[]; limit: number },
) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('users as tu', (j) =>
      j.onRef('tu.id', '=', 'a.target_id').on('a.target_type', '=', 'user'),
    )
    .leftJoin('employees as te', (j) =>
      j.onRef('te.id', '=', 'a.target_id').on('a.target_type', '=', 'employee'),
    )
    .leftJoin('templates as tt', (j) =>
      j.onRef('tt.id', '=', 'a.target_id').on('a.target_type', '=', 'template'),
    )
    .leftJoin('records as tr', (j) =>
      j.onRef('tr.id', '=', 'a.target_id').on('a.target_type', '=', 'record'),
    )
    .leftJoin('scheduled_interviews as ts', (j) =>
      j.onRef('ts.id', '=', 'a.target_id').on('a.target_type', 'in', ['schedule', 'plan']),
    )
    .leftJoin('employees as tse', 'tse.id', 'ts.employee_id')
    .select((eb) => [
      eb.fn
        .coalesce('tu.display_name', 'te.name', 'tt.name_zh', 'tr.employee_name', 'tse.name')
        .as('target_name'),
      'tt.name_en as target_name_en',
    ])
    .select([
      'a.seq',
      'a.at',
      'a.actor_user_id',
      'u.display_name as actor_name',
      'a.ip',
      'a.user_agent',
      'a.action',
      'a.outcome',
      'a.target_type',
      'a.target_id',
      'a.payload',
    ])
    .$if(opts.before !== undefined, (qb) => qb.where('a.seq', '<', opts.before!))
    .$if(opts.actions !== undefined, (qb) => qb.where('a.action', 'in', opts.actions!))
    .orderBy('a.seq', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

/**
 * The names of what a page of entries refers to in its payloads, in one query whatever the page
 * holds: people, accounts, departments, regions, templates, and records by their employee's name.
 */
export function namesOf(db: Kysely<Database>, ids: string[]) {
  return db
    .selectFrom('employees')
    .select(['id', 'name', sql<string | null>`cast(null as text)`.as('name_en')])
    .where('id', 'in', ids)
    .unionAll((eb) =>
      eb
        .selectFrom('users')
        .select([
          'id',
          'display_name as name',
          sql<string | null>`cast(null as text)`.as('name_en'),
        ])
        .where('id', 'in', ids),
    )
    .unionAll((eb) =>
      eb.selectFrom('departments').select(['id', 'name', 'name_en']).where('id', 'in', ids),
    )
    .unionAll((eb) =>
      eb.selectFrom('regions').select(['id', 'name', 'name_en']).where('id', 'in', ids),
    )
    .unionAll((eb) =>
      eb
        .selectFrom('templates')
        .select(['id', 'name_zh as name', 'name_en'])
        .where('id', 'in', ids),
    )
    .unionAll((eb) =>
      eb
        .selectFrom('records')
        .select([
          'id',
          'employee_name as name',
          sql<string | null>`cast(null as text)`.as('name_en'),
        ])
        .where('id', 'in', ids),
    )
    .execute();
}

/** Grants of content roles, newest first, with the granting and the receiving account. */
export function listContentGrants(db: Kysely<Database>, opts: { before?: number; limit: number }) {
  return db
    .selectFrom('audit_log as a')
    .innerJoin('users as u', 'u.id', 'a.target_id')
    .leftJoin('users as g', 'g.id', 'a.actor_user_id')
    .select([
      'a.seq',
      'a.at',
      'a.actor_user_id',
      'g.display_name as actor_name',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'a.payload',
    ])
    .where('a.action', '=', 'user.content_role_granted')
    .$if(opts.before !== undefined, (qb) => qb.where('a.seq', '<', opts.before!))
    .orderBy('a.seq', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

export function head(db: Kysely<Database>) {
  return db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
}

/** Signed checkpoints, newest first; `before` is the seq of the last one already shown. */
export function listCheckpoints(db: Kysely<Database>, opts: { before?: number; limit: number }) {
  return db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .$if(opts.before !== undefined, (qb) => qb.where('seq', '<', opts.before!))
    .orderBy('seq', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

export function allCheckpoints(db: Kysely<Database>) {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
}
