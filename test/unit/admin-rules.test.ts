import { describe, expect, it } from 'vitest';
import { authorize, templateAbilities } from '../../src/core/access/authorize.js';
import type { Actor, Scope } from '../../src/core/access/scope.js';
import { ownerScopeFor, type TemplateOwner } from '../../src/core/access/template.js';
import { peopleSearchTerms } from '../../src/core/people.js';

const hrOf = (...scopes: Scope[]): Actor => ({
  userId: 'u1',
  employeeId: 'e1',
  grants: scopes.map((scope) => ({ role: 'hr' as const, scope })),
});
const org: TemplateOwner = { kind: 'org' };
const east: TemplateOwner = { kind: 'region', regionId: 'east' };
const plant: TemplateOwner = { kind: 'department', regionId: 'east', departmentPath: '/d1/d2/' };
const south: TemplateOwner = { kind: 'region', regionId: 'south' };

describe('template owner scopes', () => {
  it('lets HR manage only what its scope covers', () => {
    const whole = hrOf({ kind: 'org' });
    const region = hrOf({ kind: 'region', regionId: 'east' });
    const department = hrOf({ kind: 'department', departmentPath: '/d1/' });
    const manages = (actor: Actor, owner: TemplateOwner) =>
      authorize(actor, 'template.manage', { owner });
    expect([org, east, plant, south].map((o) => manages(whole, o))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([org, east, plant, south].map((o) => manages(region, o))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect([org, east, plant, south].map((o) => manages(department, o))).toEqual([
      false,
      false,
      true,
      false,
    ]);
    const manager: Actor = {
      userId: 'u2',
      employeeId: 'e2',
      grants: [{ role: 'manager', scope: { kind: 'org' } }],
    };
    expect(manages(manager, east)).toBe(false);
  });

  it('never offers changes to a built-in template, and copies to any HR', () => {
    const whole = hrOf({ kind: 'org' });
    expect(templateAbilities(whole, { owner: org, builtin: true, status: 'active' })).toEqual({
      edit: false,
      retire: false,
      restore: false,
      copy: true,
    });
    expect(templateAbilities(whole, { owner: east, builtin: false, status: 'retired' })).toEqual({
      edit: false,
      retire: false,
      restore: true,
      copy: true,
    });
  });

  it('gives a new template the widest HR scope of its author, whatever the grant order', () => {
    const d = { kind: 'department', departmentPath: '/d1/d2/' } as const;
    const top = { kind: 'department', departmentPath: '/d1/' } as const;
    const r = { kind: 'region', regionId: 'east' } as const;
    expect(ownerScopeFor(hrOf(d, top))).toEqual(top);
    expect(ownerScopeFor(hrOf(d, r))).toEqual(r);
    expect(ownerScopeFor(hrOf(r, { kind: 'org' }))).toEqual({ kind: 'org' });
    expect(ownerScopeFor({ userId: 'u', employeeId: null, grants: [] })).toBeNull();
  });
});

describe('separation of duties', () => {
  it('lets an admin change every account’s grants but its own', () => {
    const admin: Actor = {
      userId: 'a1',
      employeeId: null,
      grants: [{ role: 'admin', scope: { kind: 'org' } }],
    };
    expect(authorize(admin, 'user.grant', { userId: 'u9' })).toBe(true);
    expect(authorize(admin, 'user.grant', { userId: 'a1' })).toBe(false);
    expect(authorize(hrOf({ kind: 'org' }), 'user.grant', { userId: 'u9' })).toBe(false);
  });
});

describe('people search terms', () => {
  it('matches names only from one Chinese character or two Latin letters, numbers only whole', () => {
    expect(peopleSearchTerms('z')).toEqual({ namePrefix: null, employeeNo: 'Z' });
    expect(peopleSearchTerms('E1000')).toEqual({ namePrefix: null, employeeNo: 'E1000' });
    expect(peopleSearchTerms('Zh ang')).toEqual({ namePrefix: 'zhang', employeeNo: 'ZH ANG' });
    expect(peopleSearchTerms('张').namePrefix).toBe('张');
  });
});
