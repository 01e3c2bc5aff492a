import type { Actor } from '../../../core/access/scope.js';
import { authorize } from '../../../core/access/authorize.js';
import type { Department, Position, Region } from '../../../core/org.js';
import { forbidden } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import * as repo from './repo.js';

/** The org structure (no people) for filters and pickers. */
function assertMayRead(actor: Actor) {
  if (!authorize(actor, 'org.read')) throw forbidden();
}

export async function listRegions({ db, actor }: Call): Promise<Region[]> {
  assertMayRead(actor);
  const rows = await repo.listRegions(db);
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: r.name_en }));
}

export async function listDepartments({ db, actor }: Call): Promise<Department[]> {
  assertMayRead(actor);
  const rows = await repo.listDepartments(db);
  return rows.map((d) => ({
    id: d.id,
    code: d.code,
    name: d.name,
    nameEn: d.name_en,
    regionId: d.region_id,
    parentId: d.parent_id,
    path: d.path,
  }));
}

export async function listPositions({ db, actor }: Call): Promise<Position[]> {
  assertMayRead(actor);
  return repo.listPositions(db);
}
