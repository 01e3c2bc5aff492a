import type { Actor, Scope } from './scope.js';

/**
 * The part of the organisation a template belongs to: the scope of the HR grant it was created
 * under. Built-in templates and those made before owner scopes existed belong to the whole org.
 * A department owner carries its region and path as the org tree places it now.
 */
export type TemplateOwner =
  | { kind: 'org' }
  | { kind: 'region'; regionId: string }
  | { kind: 'department'; regionId: string; departmentPath: string };

export interface TemplateFacts {
  owner: TemplateOwner;
}

/** Whether an HR grant of this scope reaches over everything the owner scope covers. */
function covers(scope: Scope, owner: TemplateOwner): boolean {
  switch (scope.kind) {
    case 'org':
      return true;
    case 'region':
      return owner.kind !== 'org' && owner.regionId === scope.regionId;
    case 'department':
      return owner.kind === 'department' && owner.departmentPath.startsWith(scope.departmentPath);
    default:
      return false;
  }
}

/** HR manages (versions, retires, restores) a template only if one of its HR grants covers the owner. */
export function managesTemplate(actor: Actor, facts: TemplateFacts): boolean {
  return actor.grants.some((g) => g.role === 'hr' && covers(g.scope, facts.owner));
}

type OwnerScope = Extract<Scope, { kind: TemplateOwner['kind'] }>;

/**
 * The owner scope of a template this actor creates: its widest HR grant (the whole org, else a
 * region, else the highest department), so that the author manages what it made. Null when it
 * holds no HR grant. Ties are broken by id, so the answer does not depend on grant order.
 */
export function ownerScopeFor(actor: Actor): OwnerScope | null {
  const scopes = actor.grants
    .filter((g) => g.role === 'hr')
    .map((g) => g.scope)
    .filter(
      (s): s is OwnerScope => s.kind === 'org' || s.kind === 'region' || s.kind === 'department',
    );
  const rank = (s: OwnerScope) =>
    s.kind === 'org'
      ? '0'
      : s.kind === 'region'
        ? `1${s.regionId}`
        : `2${s.departmentPath.length.toString().padStart(6, '0')}${s.departmentPath}`;
  return scopes.sort((a, b) => rank(a).localeCompare(rank(b)))[0] ?? null;
}
