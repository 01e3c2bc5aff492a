import { createHash } from 'node:crypto';
import { AppError, type Locale } from '../../../core/errors.js';
import type { ImportError, ImportPreview, ImportResult } from '../../../core/import.js';
import { authorize } from '../../../core/access/authorize.js';
import { type Actor } from '../../../core/access/scope.js';
import type { AppContext } from '../../context.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { appendAudit } from '../../lib/audit/append.js';
import type { RequestMeta } from '../../lib/audit/events.js';
import { forbidden } from '../../lib/http/denied.js';
import { nowIso } from '../../lib/ids.js';
import { openPhone } from '../org/phone.js';
import { createAccountsForImport, type Issued } from '../accounts/service.js';
import { applyOrgPlan } from '../org/writer.js';
import { parseOrgFile, type ParsedFile } from './parse.js';
import { planImport } from './plan.js';
import { describeChanges, type ImportChanges } from './preview.js';
import { loadOrgSnapshot, type SnapshotEmployee } from './repo.js';

/** Whether the actor may import; the command line (no actor) always may. */
export function assertMayImport(actor: Actor | null): void {
  if (actor && !authorize(actor, 'org.import')) throw forbidden();
}

type Planned = { changes: ImportChanges; errors: null } | { changes: null; errors: ImportError[] };

/** Parses and checks the file against the org as `db` sees it now; writes nothing. */
async function planFile(
  ctx: AppContext,
  db: Kysely<Database>,
  parsed: ParsedFile,
  fileSha256: string,
  locale: Locale,
): Promise<Planned> {
  const snapshot = await loadOrgSnapshot(db);
  const phones = new Map<string, string | null>();
  // decrypted only for people the file names, once each
  const phoneOf = (e: SnapshotEmployee) => {
    if (!phones.has(e.id))
      phones.set(e.id, e.phone_enc ? openPhone(ctx.keyring, e.id, e.phone_enc) : null);
    return phones.get(e.id)!;
  };
  const result = planImport(parsed, snapshot, locale, nowIso(), phoneOf);
  if (!result.plan) return { changes: null, errors: result.errors };
  return {
    changes: describeChanges(parsed, fileSha256, snapshot, result.plan, phoneOf),
    errors: null,
  };
}

/** A refused file is audited (its hash and how many problems), and every problem answered. */
async function reject(
  ctx: AppContext,
  meta: RequestMeta,
  fileSha256: string,
  errors: ImportError[],
): Promise<never> {
  await ctx.db.kysely
    .transaction()
    .execute((trx) =>
      appendAudit(
        trx,
        meta,
        { action: 'org.import_rejected', payload: { fileSha256, errors: errors.length } },
        { type: 'org', id: null },
        'failed',
      ),
    );
  throw new AppError('IMPORT_INVALID', { errors });
}

const sha256 = (file: Buffer) => createHash('sha256').update(file).digest('hex');

/** What importing the file would create and change, with the token that confirms it. */
export async function previewImport(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  file: Buffer,
  locale: Locale,
): Promise<ImportPreview> {
  assertMayImport(actor);
  const fileSha256 = sha256(file);
  const planned = await planFile(ctx, ctx.db.kysely, await parseOrgFile(file), fileSha256, locale);
  if (planned.errors) return reject(ctx, meta, fileSha256, planned.errors);
  return planned.changes.preview;
}

/**
 * Imports regions, departments and employees from one file, all or nothing: a file with any bad
 * row writes nothing and every bad row is reported. With a preview's token, it writes only while
 * the file still makes exactly the changes previewed (the org may have changed since); `null` is
 * the command line, which applies the file as it finds it.
 */
export async function importOrg(
  ctx: AppContext,
  actor: Actor | null,
  meta: RequestMeta,
  file: Buffer,
  locale: Locale,
  previewToken: string | null,
  /** also an account with an activation code for each person in the file who has none */
  withAccounts = false,
): Promise<Omit<ImportResult, 'accounts'> & { accounts: Issued | null }> {
  assertMayImport(actor);
  const fileSha256 = sha256(file);
  const parsed = await parseOrgFile(file);
  // Checked and written in one transaction so the checks hold for what is written.
  const outcome = await ctx.db.kysely.transaction().execute(async (trx) => {
    const planned = await planFile(ctx, trx, parsed, fileSha256, locale);
    if (planned.errors) return planned;
    const { plan, preview } = planned.changes;
    if (previewToken !== null && previewToken !== preview.token)
      throw new AppError('IMPORT_CHANGED');
    await applyOrgPlan(trx, ctx.keyring, plan);
    const summary = {
      departments: { created: preview.departments.created, updated: preview.departments.changed },
      employees: { created: preview.employees.created, updated: preview.employees.changed },
    };
    await appendAudit(
      trx,
      meta,
      { action: 'org.imported', payload: { fileSha256, format: parsed.format, ...summary } },
      { type: 'org', id: null },
    );
    const accounts = withAccounts
      ? await createAccountsForImport(
          ctx,
          trx,
          meta,
          actor,
          parsed.sheets
            .filter((sheet) => sheet.kind === 'employees')
            .flatMap((sheet) => sheet.rows.map((r) => (r.values.employee_no ?? '').toUpperCase())),
        )
      : null;
    return { errors: null, summary, accounts };
  });
  if (outcome.errors) return reject(ctx, meta, fileSha256, outcome.errors);
  return { ok: true, format: parsed.format, ...outcome.summary, accounts: outcome.accounts };
}
