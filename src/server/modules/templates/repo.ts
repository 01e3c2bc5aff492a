import type { Kysely } from 'kysely';
import type { Database, TemplateTable, TemplateVersionTable } from '../../db/schema.js';

type Db = Kysely<Database>;
/** A version as callers give it: its names are copied from the template row it belongs to. */
type NewVersion = Omit<TemplateVersionTable, 'name_zh' | 'name_en'>;

/** Templates with where an owner department sits in the org tree now. */
function templates(db: Db) {
  return db
    .selectFrom('templates as t')
    .leftJoin('departments as od', 'od.id', 't.owner_department_id')
    .selectAll('t')
    .select(['od.path as owner_department_path', 'od.region_id as owner_department_region_id']);
}

export function listTemplates(db: Db, status: 'active' | 'retired' | 'all') {
  return templates(db)
    .$if(status !== 'all', (qb) =>
      qb.where('t.status', '=', status === 'retired' ? 'retired' : 'active'),
    )
    .orderBy('t.builtin', 'desc')
    .orderBy('t.code')
    .execute();
}

export function findTemplate(db: Db, id: string) {
  return templates(db).where('t.id', '=', id).executeTakeFirst();
}
export type TemplateRow = NonNullable<Awaited<ReturnType<typeof findTemplate>>>;

export async function departmentIdAt(db: Db, path: string): Promise<string> {
  const row = await db
    .selectFrom('departments')
    .select('id')
    .where('path', '=', path)
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findTemplateByCode(db: Db, code: string) {
  return db.selectFrom('templates').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findVersion(db: Db, templateId: string, version: number) {
  return db
    .selectFrom('template_versions')
    .selectAll()
    .where('template_id', '=', templateId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function insertTemplate(db: Db, template: TemplateTable, version: NewVersion) {
  await db.insertInto('templates').values(template).execute();
  await db
    .insertInto('template_versions')
    .values({ ...version, name_zh: template.name_zh, name_en: template.name_en })
    .execute();
}

/** Moves the template to a new version only if nobody else did first; false when stale. */
export async function addVersion(
  db: Db,
  baseVersion: number,
  changes: Pick<
    TemplateTable,
    'name_zh' | 'name_en' | 'description_zh' | 'description_en' | 'updated_at'
  >,
  version: NewVersion,
): Promise<boolean> {
  const moved = await db
    .updateTable('templates')
    .set({ ...changes, current_version: version.version })
    .where('id', '=', version.template_id)
    .where('current_version', '=', baseVersion)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) return false;
  await db
    .insertInto('template_versions')
    .values({ ...version, name_zh: changes.name_zh, name_en: changes.name_en })
    .execute();
  return true;
}

export async function setStatus(db: Db, id: string, status: 'active' | 'retired', now: string) {
  await db.updateTable('templates').set({ status, updated_at: now }).where('id', '=', id).execute();
}

export async function codeExists(db: Db, code: string): Promise<boolean> {
  return Boolean(
    await db.selectFrom('templates').select('id').where('code', '=', code).executeTakeFirst(),
  );
}
