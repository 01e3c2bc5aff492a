import { describe, expect, it } from 'vitest';
import { abilities, authorize } from '../../src/core/access/authorize.js';
import { directoryScope, readsRecordsOf, type Actor } from '../../src/core/access/scope.js';

const self = (id: string) => ({
  role: 'employee' as const,
  scope: { kind: 'self' as const, employeeId: id },
});
const person = { id: 'e9', regionId: 'r2', departmentPath: '/d1/d5/', managerId: 'e1' };

describe('policy', () => {
  it('gives each role only its abilities', () => {
    const admin: Actor = {
      userId: 'u',
      employeeId: null,
      grants: [{ role: 'admin', scope: { kind: 'org' } }],
    };
    const auditor: Actor = {
      userId: 'u',
      employeeId: 'e2',
      grants: [{ role: 'auditor', scope: { kind: 'org' } }, self('e2')],
    };
    const executive: Actor = {
      userId: 'u',
      employeeId: 'e3',
      grants: [{ role: 'executive', scope: { kind: 'org' } }, self('e3')],
    };
    const employee: Actor = { userId: 'u', employeeId: 'e4', grants: [self('e4')] };
    expect(abilities(admin)).toEqual({
      directory: true,
      importOrg: true,
      manageUsers: true,
      createAccounts: true,
      readAudit: true,
      manageBackups: true,
      readSystem: true,
      readTemplates: false,
      manageTemplates: false,
      interview: false,
    });
    expect(abilities(auditor)).toEqual({
      directory: false,
      importOrg: false,
      manageUsers: false,
      createAccounts: false,
      readAudit: true,
      manageBackups: false,
      readSystem: true,
      readTemplates: false,
      manageTemplates: false,
      interview: false,
    });
    expect(abilities(executive)).toEqual({
      directory: false,
      importOrg: false,
      manageUsers: false,
      createAccounts: false,
      readAudit: false,
      manageBackups: false,
      readSystem: false,
      readTemplates: false,
      manageTemplates: false,
      interview: false,
    });
    expect(abilities(employee)).toEqual({
      directory: false,
      importOrg: false,
      manageUsers: false,
      createAccounts: false,
      readAudit: false,
      manageBackups: false,
      readSystem: false,
      readTemplates: false,
      manageTemplates: false,
      interview: false,
    });
    const hr: Actor = {
      userId: 'u',
      employeeId: null,
      grants: [{ role: 'hr', scope: { kind: 'org' } }],
    };
    // HR without an employee record manages templates but cannot be an interviewer
    expect(abilities(hr)).toMatchObject({
      readTemplates: true,
      manageTemplates: true,
      interview: false,
    });
    const manager: Actor = {
      userId: 'u',
      employeeId: 'e1',
      grants: [
        { role: 'manager', scope: { kind: 'team', departmentPath: '/d1/', employeeId: 'e1' } },
        self('e1'),
      ],
    };
    expect(abilities(manager)).toMatchObject({ readTemplates: true, interview: true });
    expect(authorize(executive, 'employee.view', person)).toBe(false);
    expect(authorize(executive, 'employee.view', { ...person, id: 'e3' })).toBe(true);
  });

  it('scopes HR by region and department subtree, and only org-wide HR imports', () => {
    const regional: Actor = {
      userId: 'u',
      employeeId: null,
      grants: [{ role: 'hr', scope: { kind: 'region', regionId: 'r2' } }],
    };
    const departmental: Actor = {
      userId: 'u',
      employeeId: null,
      grants: [{ role: 'hr', scope: { kind: 'department', departmentPath: '/d1/' } }],
    };
    expect(authorize(regional, 'employee.view', person)).toBe(true);
    expect(authorize(regional, 'employee.view', { ...person, regionId: 'r1' })).toBe(false);
    expect(authorize(departmental, 'employee.view', person)).toBe(true);
    expect(authorize(departmental, 'employee.view', { ...person, departmentPath: '/d10/' })).toBe(
      false,
    );
    expect(authorize(regional, 'org.import')).toBe(false);
    expect(
      authorize(
        { userId: 'u', employeeId: null, grants: [{ role: 'hr', scope: { kind: 'org' } }] },
        'org.import',
      ),
    ).toBe(true);
  });

  it('gives a manager its subtree and direct reports, and folds nested paths', () => {
    const manager: Actor = {
      userId: 'u',
      employeeId: 'e1',
      grants: [
        { role: 'manager', scope: { kind: 'team', departmentPath: '/d1/d7/', employeeId: 'e1' } },
        self('e1'),
      ],
    };
    expect(authorize(manager, 'employee.view', person)).toBe(true); // direct report elsewhere
    expect(authorize(manager, 'employee.view', { ...person, managerId: 'e8' })).toBe(false);
    expect(
      authorize(manager, 'employee.view', {
        ...person,
        managerId: 'e8',
        departmentPath: '/d1/d7/d9/',
      }),
    ).toBe(true);
    const both: Actor = {
      ...manager,
      grants: [
        ...manager.grants,
        { role: 'hr', scope: { kind: 'department', departmentPath: '/d1/' } },
      ],
    };
    expect(directoryScope(both).departmentPaths).toEqual(['/d1/']);
  });

  it('never lets a manager or HR read records about themselves by role', () => {
    const head = { id: 'e1', regionId: 'r1', departmentPath: '/d1/', managerId: 'e0' };
    const member = { id: 'e7', regionId: 'r1', departmentPath: '/d1/d2/', managerId: 'e1' };
    const manager: Actor = {
      userId: 'u',
      employeeId: 'e1',
      grants: [
        { role: 'manager', scope: { kind: 'team', departmentPath: '/d1/', employeeId: 'e1' } },
        self('e1'),
      ],
    };
    const hr: Actor = {
      userId: 'u',
      employeeId: 'e1',
      grants: [{ role: 'hr', scope: { kind: 'org' } }, self('e1')],
    };
    for (const actor of [manager, hr]) {
      expect(readsRecordsOf(actor, member)).toBe(true);
      // the head belongs to the department it heads, and HR's scope is everyone
      expect(readsRecordsOf(actor, head)).toBe(false);
    }
  });
  it('lets HR create accounts only in its scope, an admin everywhere, and nobody else at all', () => {
    const hrEast: Actor = {
      userId: 'h',
      employeeId: 'e5',
      grants: [{ role: 'hr', scope: { kind: 'region', regionId: 'r1' } }, self('e5')],
    };
    const admin: Actor = {
      userId: 'a',
      employeeId: null,
      grants: [{ role: 'admin', scope: { kind: 'org' } }],
    };
    const manager: Actor = {
      userId: 'm',
      employeeId: 'e1',
      grants: [
        { role: 'manager', scope: { kind: 'team', departmentPath: '/d1/', employeeId: 'e1' } },
        self('e1'),
      ],
    };
    const inEast = { ...person, regionId: 'r1' };
    expect(authorize(hrEast, 'accounts.create')).toBe(true);
    expect(authorize(hrEast, 'employee.account', inEast)).toBe(true);
    expect(authorize(hrEast, 'employee.account', person)).toBe(false);
    expect(authorize(admin, 'employee.account', person)).toBe(true);
    // a manager holds person in its team, and still creates no account
    expect(authorize(manager, 'accounts.create')).toBe(false);
    expect(authorize(manager, 'employee.account', person)).toBe(false);
    const plain = { userId: 'x', employee: inEast, holdsRoles: false };
    expect(authorize(hrEast, 'account.reissue', plain)).toBe(true);
    // a code for a manager's account would sign HR in with the manager's powers
    expect(authorize(hrEast, 'account.reissue', { ...plain, holdsRoles: true })).toBe(false);
    expect(authorize(hrEast, 'account.reissue', { ...plain, employee: person })).toBe(false);
    expect(authorize(admin, 'account.reissue', { ...plain, holdsRoles: true })).toBe(true);
    expect(authorize(admin, 'account.reissue', { ...plain, userId: 'a' })).toBe(false);
    expect(authorize(manager, 'account.reissue', plain)).toBe(false);
  });
});
