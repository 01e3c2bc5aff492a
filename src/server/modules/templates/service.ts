import type { Kysely } from 'kysely';
import { AppError } from '../../../core/errors.js';
import { authorize, templateAbilities } from '../../../core/access/authorize.js';
import { type Actor } from '../../../core/access/scope.js';
import { ownerScopeFor, type TemplateOwner } from '../../../core/access/template.js';
import type {
  CreateTemplateInput,
  TemplateDetail,
  TemplateListItem,
  TemplateSummary,
  TemplateView,
  UpdateTemplateInput,
} from '../../../core/templates/api.js';
import { BUILTIN_TEMPLATES } from '../../../core/templates/builtin.js';
import {
  templateDefinitionSchema,
  type TemplateDefinition,
} from '../../../core/templates/model.js';
import type { AppContext } from '../../context.js';
import type { Database, TemplateTable } from '../../db/schema.js';
import { lockAcrossNodes } from '../../db/helpers.js';
import { appendAudit } from '../../lib/audit/append.js';
import { SYSTEM_META, type RequestMeta } from '../../lib/audit/events.js';
import { forbidden } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import { newId, nowIso } from '../../lib/ids.js';
import * as repo from './repo.js';

type OwnerColumns = Pick<TemplateTable, 'owner_region_id' | 'owner_department_id'>;
const ORG_OWNED: OwnerColumns = { owner_region_id: null, owner_department_id: null };

function ownerOf(t: repo.TemplateRow): TemplateOwner {
  if (t.owner_department_id && t.owner_department_path && t.owner_department_region_id)
    return {
      kind: 'department',
      regionId: t.owner_department_region_id,
      departmentPath: t.owner_department_path,
    };
  if (t.owner_region_id) return { kind: 'region', regionId: t.owner_region_id };
  return { kind: 'org' };
}

/** Who owns a template and what the actor may do with it, sent with every template. */
function access(actor: Actor, t: repo.TemplateRow) {
  const owner = ownerOf(t);
  return {
    owner: {
      kind: owner.kind,
      id: t.owner_department_id ?? t.owner_region_id,
    },
    abilities: templateAbilities(actor, {
      owner,
      builtin: t.builtin === 1,
      status: t.status,
    }),
  };
}

/** A new template belongs to the scope of its author's widest HR grant. */
async function ownerColumnsFor(db: Kysely<Database>, actor: Actor): Promise<OwnerColumns> {
  const scope = ownerScopeFor(actor);
  if (scope?.kind === 'region') return { ...ORG_OWNED, owner_region_id: scope.regionId };
  if (scope?.kind === 'department')
    return {
      ...ORG_OWNED,
      owner_department_id: await repo.departmentIdAt(db, scope.departmentPath),
    };
  return ORG_OWNED;
}

function summary(t: TemplateTable): TemplateSummary {
  return {
    id: t.id,
    code: t.code,
    name: { zh: t.name_zh, en: t.name_en },
    description: { zh: t.description_zh, en: t.description_en },
    builtin: t.builtin === 1,
    status: t.status,
    currentVersion: t.current_version,
    updatedAt: t.updated_at,
  };
}

function assertMay(actor: Actor, action: 'templates.read' | 'templates.manage') {
  if (!authorize(actor, action)) throw forbidden();
}

export async function listTemplates({ db, actor }: Call, status: 'active' | 'retired' | 'all') {
  assertMay(actor, 'templates.read');
  return (await repo.listTemplates(db, status)).map((t): TemplateListItem => ({
    ...summary(t),
    ...access(actor, t),
  }));
}

async function loadTemplate(db: Kysely<Database>, id: string): Promise<repo.TemplateRow> {
  const template = await repo.findTemplate(db, id);
  if (!template) throw new AppError('NOT_FOUND');
  return template;
}

/** One version of a template (the current one by default). Records keep the version they were written with. */
export async function loadTemplateVersion(
  db: Kysely<Database>,
  id: string,
  version?: number,
): Promise<TemplateDetail> {
  return versionOf(db, await loadTemplate(db, id), version);
}

/**
 * The current version of a template to write a record or schedule an interview with: one that
 * exists (else a VALIDATION issue on `body.templateId`) and is not retired.
 */
export async function loadWritableTemplate(db: Kysely<Database>, id: string) {
  const template = await loadTemplateVersion(db, id).catch((error: unknown) => {
    if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
    throw new AppError('VALIDATION', {
      issues: [{ path: 'body.templateId', code: 'unknown_reference', message: 'unknown template' }],
    });
  });
  if (template.status === 'retired') throw new AppError('TEMPLATE_RETIRED');
  return template;
}

async function versionOf(
  db: Kysely<Database>,
  template: repo.TemplateRow,
  version?: number,
): Promise<TemplateDetail> {
  const row = await repo.findVersion(db, template.id, version ?? template.current_version);
  if (!row) throw new AppError('NOT_FOUND');
  return {
    ...summary(template),
    name: { zh: row.name_zh, en: row.name_en },
    version: row.version,
    definition: parsedDefinition(row.id, row.definition),
  };
}

/** Parsed definitions by template-version id: a version never changes once written. */
const definitions = new Map<string, TemplateDefinition>();
const DEFINITIONS_KEPT = 500;

function parsedDefinition(versionId: string, text: string): TemplateDefinition {
  let definition = definitions.get(versionId);
  if (!definition) {
    definition = deepFreeze(templateDefinitionSchema.parse(JSON.parse(text)));
    if (definitions.size >= DEFINITIONS_KEPT) definitions.delete(definitions.keys().next().value!);
    definitions.set(versionId, definition);
  }
  return definition;
}

/** Shared between requests, so no caller may change it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** A template as its API answers it: the version asked for, its owner, the actor's abilities. */
async function view(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  version?: number,
): Promise<TemplateView> {
  const template = await loadTemplate(db, id);
  return { ...(await versionOf(db, template, version)), ...access(actor, template) };
}

export async function getTemplate({ db, actor }: Call, id: string, version?: number) {
  assertMay(actor, 'templates.read');
  return view(db, actor, id, version);
}

/**
 * A template the actor may change: HR whose scope covers its owner (HR of one region keeps its
 * hands off organisation-wide templates and other regions', and copies them instead).
 */
async function loadManaged(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<repo.TemplateRow> {
  assertMay(actor, 'templates.manage');
  const template = await loadTemplate(db, id);
  if (template.builtin === 1) throw new AppError('TEMPLATE_BUILTIN');
  if (!authorize(actor, 'template.manage', { owner: ownerOf(template) }))
    throw forbidden('TEMPLATE_OUT_OF_SCOPE');
  return template;
}

async function insertNew(
  trx: Kysely<Database>,
  meta: RequestMeta,
  input: { code: string; builtin: boolean } & CreateTemplateInput,
  owner: OwnerColumns,
  copiedFrom: string | null,
) {
  const now = nowIso();
  const id = newId();
  await repo.insertTemplate(
    trx,
    {
      id,
      code: input.code,
      name_zh: input.name.zh,
      name_en: input.name.en,
      description_zh: input.description.zh,
      description_en: input.description.en,
      builtin: input.builtin ? 1 : 0,
      status: 'active',
      current_version: 1,
      ...owner,
      created_by: meta.actorUserId,
      created_at: now,
      updated_at: now,
    },
    {
      id: newId(),
      template_id: id,
      version: 1,
      definition: JSON.stringify(input.definition),
      created_by: meta.actorUserId,
      created_at: now,
    },
  );
  await appendAudit(
    trx,
    meta,
    { action: 'template.created', payload: { code: input.code, copiedFrom } },
    { type: 'template', id },
  );
  return id;
}

export async function createTemplate({ db, actor, meta }: Call, input: CreateTemplateInput) {
  assertMay(actor, 'templates.manage');
  const owner = await ownerColumnsFor(db, actor);
  const id = await insertNew(
    db,
    meta,
    { ...input, code: `custom-${newId().slice(-12)}`, builtin: false },
    owner,
    null,
  );
  return view(db, actor, id);
}

export async function copyTemplate({ db, actor, meta }: Call, id: string) {
  assertMay(actor, 'templates.manage');
  const source = await loadTemplateVersion(db, id);
  const owner = await ownerColumnsFor(db, actor);
  const copy = {
    name: {
      zh: `${source.name.zh}（副本）`.slice(0, 200),
      en: source.name.en && `${source.name.en} (copy)`.slice(0, 200),
    },
    description: source.description,
    definition: source.definition,
  };
  const copyId = await insertNew(
    db,
    meta,
    { ...copy, code: `custom-${newId().slice(-12)}`, builtin: false },
    owner,
    source.id,
  );
  return view(db, actor, copyId);
}

/** Saving makes a new version; records written with earlier versions keep theirs. */
export async function updateTemplate(
  { db, actor, meta }: Call,
  id: string,
  input: UpdateTemplateInput,
) {
  const current = await loadManaged(db, actor, id);
  if (current.status === 'retired') throw new AppError('TEMPLATE_RETIRED');
  {
    const now = nowIso();
    const version = input.baseVersion + 1;
    const moved = await repo.addVersion(
      db,
      input.baseVersion,
      {
        name_zh: input.name.zh,
        name_en: input.name.en,
        description_zh: input.description.zh,
        description_en: input.description.en,
        updated_at: now,
      },
      {
        id: newId(),
        template_id: id,
        version,
        definition: JSON.stringify(input.definition),
        created_by: meta.actorUserId,
        created_at: now,
      },
    );
    if (!moved) {
      const now = await repo.findTemplate(db, id);
      throw new AppError('PRECONDITION_FAILED', { currentVersion: now?.current_version });
    }
    await appendAudit(
      db,
      meta,
      { action: 'template.versioned', payload: { version } },
      { type: 'template', id },
    );
  }
  return view(db, actor, id);
}

export async function setTemplateStatus(
  { db, actor, meta }: Call,
  id: string,
  status: 'active' | 'retired',
) {
  await loadManaged(db, actor, id);
  await repo.setStatus(db, id, status, nowIso());
  await appendAudit(
    db,
    meta,
    { action: status === 'retired' ? 'template.retired' : 'template.restored', payload: {} },
    { type: 'template', id },
  );
  return view(db, actor, id);
}

/**
 * Keeps the built-in templates in the database in step with the code: missing ones are added,
 * and a changed definition becomes a new version (records keep the version they used).
 */
export async function syncBuiltinTemplates(ctx: AppContext): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    // nodes starting together on one database take turns; the later ones find it done
    await lockAcrossNodes(trx, ctx.db.dialect, 'miantan.builtin-templates');
    for (const builtin of BUILTIN_TEMPLATES) await syncBuiltin(trx, builtin);
  });
}

async function syncBuiltin(trx: Kysely<Database>, builtin: (typeof BUILTIN_TEMPLATES)[number]) {
  const definition: TemplateDefinition = templateDefinitionSchema.parse(builtin.definition);
  const existing = await repo.findTemplateByCode(trx, builtin.code);
  if (!existing) {
    await insertNew(
      trx,
      SYSTEM_META,
      {
        code: builtin.code,
        builtin: true,
        name: builtin.name,
        description: builtin.description,
        definition,
      },
      ORG_OWNED,
      null,
    );
    return;
  }
  const latest = await repo.findVersion(trx, existing.id, existing.current_version);
  if (latest && latest.definition === JSON.stringify(definition)) return;
  const now = nowIso();
  const version = existing.current_version + 1;
  await repo.addVersion(
    trx,
    existing.current_version,
    {
      name_zh: builtin.name.zh,
      name_en: builtin.name.en,
      description_zh: builtin.description.zh,
      description_en: builtin.description.en,
      updated_at: now,
    },
    {
      id: newId(),
      template_id: existing.id,
      version,
      definition: JSON.stringify(definition),
      created_by: null,
      created_at: now,
    },
  );
  await appendAudit(
    trx,
    SYSTEM_META,
    { action: 'template.versioned', payload: { version } },
    { type: 'template', id: existing.id },
  );
}
