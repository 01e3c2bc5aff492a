import { createHash } from 'node:crypto';
import { AppError, type Locale } from '../../../core/errors.js';
import type { ImportResult } from '../../../core/import.js';
import { authorize } from '../../../core/access/authorize.js';
import { type Actor } from '../../../core/access/scope.js';
import type { AppContext } from '../../context.js';
import { appendAudit } from '../../lib/audit/append.js';
import type { RequestMeta } from '../../lib/audit/events.js';
import { forbidden } from '../../lib/http/denied.js';
import { nowIso } from '../../lib/ids.js';
import { applyOrgPlan } from '../org/writer.js';
import { parseOrgFile } from './parse.js';
import { planImport } from './plan.js';
import { loadOrgSnapshot } from './repo.js';

/** Whether the actor may import; the command line (no actor) always may. */
export function assertMayImport(actor: Actor | null): void {
  if (actor && !authorize(actor, 'org.import')) throw forbidden();
}

/**
 * Imports regions, departments and employees from one file, all or nothing: a file with any bad
 * row writes nothing and every bad row is reported.
 */
export async function importOrg(
  ctx: AppContext,
  actor: Actor | null,
  meta: RequestMeta,
  file: Buffer,
  locale: Locale,
): Promise<ImportResult> {
  assertMayImport(actor);
  const fileSha256 = createHash('sha256').update(file).digest('hex');
  const parsed = await parseOrgFile(file);
  const db = ctx.db.kysely;
  // Planned and written in one transaction so the checks hold for what is written.
  const outcome = await db.transaction().execute(async (trx) => {
    const result = planImport(parsed, await loadOrgSnapshot(trx), locale, nowIso());
    if (!result.plan) return { errors: result.errors, summary: null };
    const { plan } = result;
    await applyOrgPlan(trx, ctx.keyring, plan);
    const count = <T extends { isNew: boolean }>(xs: T[]) => ({
      created: xs.filter((x) => x.isNew).length,
      updated: xs.filter((x) => !x.isNew).length,
    });
    const summary = { departments: count(plan.departments), employees: count(plan.employees) };
    await appendAudit(
      trx,
      meta,
      { action: 'org.imported', payload: { fileSha256, format: parsed.format, ...summary } },
      { type: 'org', id: null },
    );
    return { errors: null, summary };
  });
  if (outcome.errors) {
    await db
      .transaction()
      .execute((trx) =>
        appendAudit(
          trx,
          meta,
          { action: 'org.import_rejected', payload: { fileSha256, errors: outcome.errors.length } },
          { type: 'org', id: null },
          'failed',
        ),
      );
    throw new AppError('IMPORT_INVALID', { errors: outcome.errors });
  }
  return { ok: true, format: parsed.format, ...outcome.summary! };
}
