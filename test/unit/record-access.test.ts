import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/core/access/authorize.js';
import {
  commentAudiences,
  readsComment,
  recordAbilities,
  recordStanding,
  versionIsShared,
  type RecordFacts,
} from '../../src/core/access/record.js';
import type { Actor } from '../../src/core/access/scope.js';
import { RECORD_STATES } from '../../src/core/records/lifecycle.js';

const employee = { id: 'e9', regionId: 'r1', departmentPath: '/d1/', managerId: 'e1' };
const manager: Actor = {
  userId: 'u1',
  employeeId: 'e1',
  grants: [{ role: 'manager', scope: { kind: 'team', departmentPath: '/d1/', employeeId: 'e1' } }],
};
const formerManager: Actor = { ...manager, grants: [] };
const self: Actor = { userId: 'u9', employeeId: 'e9', grants: [] };
const colleague: Actor = { userId: 'u7', employeeId: 'e7', grants: [] };
const facts = (over: Partial<RecordFacts> = {}): RecordFacts => ({
  employee,
  interviewerId: 'e1',
  state: 'draft',
  sent: false,
  collaborator: false,
  ...over,
});

describe('record access rules', () => {
  it('follows the org as it is now: an interviewer without a covering grant has nothing', () => {
    expect(recordStanding(manager, facts())).toEqual({
      relations: ['interviewer'],
      audience: 'full',
    });
    expect(recordStanding(formerManager, facts())).toBeNull();
    expect(authorize(formerManager, 'record.read', facts({ state: 'submitted', sent: true }))).toBe(
      false,
    );
  });

  it('lets the employee and collaborators in only once the record was sent, restricted', () => {
    expect(recordStanding(self, facts())).toBeNull();
    expect(recordStanding(colleague, facts({ collaborator: true }))).toBeNull();
    expect(recordStanding(self, facts({ sent: true, state: 'draft' }))).toEqual({
      relations: ['employee'],
      audience: 'restricted',
    });
    expect(recordStanding(colleague, facts({ sent: true, collaborator: true }))?.audience).toBe(
      'restricted',
    );
  });

  it('keeps draft comments internal and the employee’s comments shared', () => {
    const own = recordStanding(manager, facts())!;
    expect(commentAudiences(own, 'draft')).toEqual(['internal']);
    expect(commentAudiences(own, 'submitted')).toEqual(['internal', 'shared']);
    const mine = recordStanding(self, facts({ sent: true, state: 'submitted' }))!;
    expect(commentAudiences(mine, 'submitted')).toEqual(['shared']);
    expect(readsComment(mine, 'internal')).toBe(false);
    expect(readsComment(own, 'internal')).toBe(true);
  });

  it('shares only versions that were sent, and the moment one came back', () => {
    expect(versionIsShared({ state: 'draft', action: 'edit' })).toBe(false);
    expect(versionIsShared({ state: 'draft', action: 'create' })).toBe(false);
    expect(versionIsShared({ state: 'draft', action: 'withdraw' })).toBe(true);
    expect(versionIsShared({ state: 'submitted', action: 'feedback' })).toBe(true);
  });

  it('offers actions only to who may take them', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RECORD_STATES), fc.boolean(), (state, sent) => {
        for (const actor of [manager, self, colleague, formerManager]) {
          const standing = recordStanding(actor, facts({ state, sent, collaborator: true }));
          if (!standing) continue;
          const interviews = actor === manager;
          const { actions, handover, addendum } = recordAbilities(standing, state, interviews);
          // a correction only to an archived record, by a full reader who may interview
          expect(addendum).toBe(state === 'archived' && standing.audience === 'full' && interviews);
          if (actor !== manager) expect(actions.filter((a) => a === 'edit')).toEqual([]);
          expect(handover).toBe(false);
        }
      }),
    );
  });
});
