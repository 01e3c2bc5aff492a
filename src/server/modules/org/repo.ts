import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

export function listRegions(db: Db) {
  return db
    .selectFrom('regions')
    .select(['id', 'code', 'name', 'name_en'])
    .orderBy('code')
    .execute();
}

export function listDepartments(db: Db) {
  return db
    .selectFrom('departments')
    .select(['id', 'code', 'name', 'name_en', 'region_id', 'parent_id', 'path'])
    .orderBy('path')
    .execute();
}

export function listPositions(db: Db) {
  return db.selectFrom('positions').select(['id', 'name']).orderBy('name').execute();
}

/** Every department's name, place in the tree and region name: what a path is built from. */
export function departmentNames(db: Db) {
  return db
    .selectFrom('departments as d')
    .innerJoin('regions as r', 'r.id', 'd.region_id')
    .select(['d.id', 'd.name', 'd.path', 'r.name as region_name'])
    .execute();
}
