import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Newest first; `before` is the seq of the last entry already shown. */
export function listEntries(
  db: Kysely<Database>,
  opts: { before?: number; action?: string; limit: number },
) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
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
    .$if(Boolean(opts.action), (qb) => qb.where('a.action', '=', opts.action!))
    .orderBy('a.seq', 'desc')
    .limit(opts.limit + 1)
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
