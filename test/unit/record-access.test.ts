import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/core/access/authorize.js';
import {
  attachmentTarget,
  commentAudiences,
  deletesAttachment,
  readsAttachment,
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

  it('lets the draft’s editor and the employee with open feedback attach, and shows manager-only files only to the full audience', () => {
    const draft = recordStanding(manager, facts())!;
    expect(attachmentTarget(draft, 'draft')).toEqual({
      part: 'interviewer',
      audiences: ['all', 'managers'],
    });
    expect(recordAbilities(draft, 'draft', true).attach).toEqual(['all', 'managers']);
    const sentToManager = recordStanding(manager, facts({ state: 'submitted', sent: true }))!;
    expect(attachmentTarget(sentToManager, 'submitted')).toBeNull();
    const employeeView = recordStanding(self, facts({ state: 'submitted', sent: true }))!;
    expect(attachmentTarget(employeeView, 'submitted')).toEqual({
      part: 'employee',
      audiences: ['all'],
    });
    for (const state of ['employeeSigned', 'signed', 'archived'] as const) {
      expect(
        attachmentTarget(recordStanding(self, facts({ state, sent: true })), state),
      ).toBeNull();
      expect(
        attachmentTarget(recordStanding(manager, facts({ state, sent: true })), state),
      ).toBeNull();
    }
    const collaborator = recordStanding(
      colleague,
      facts({ state: 'submitted', sent: true, collaborator: true }),
    )!;
    expect(attachmentTarget(collaborator, 'submitted')).toBeNull();

    const file = (
      audience: 'all' | 'managers',
      part: 'interviewer' | 'employee',
      createdAt: string,
    ) => ({
      audience,
      part,
      createdAt,
    });
    const sentAt = '2026-03-01T00:00:00.000Z';
    expect(
      readsAttachment(
        employeeView,
        'submitted',
        sentAt,
        file('managers', 'interviewer', '2026-02-01'),
      ),
    ).toBe(false);
    expect(
      readsAttachment(employeeView, 'submitted', sentAt, file('all', 'interviewer', '2026-02-01')),
    ).toBe(true);
    expect(
      readsAttachment(
        sentToManager,
        'submitted',
        sentAt,
        file('managers', 'interviewer', '2026-02-01'),
      ),
    ).toBe(true);
    expect(
      readsAttachment(
        collaborator,
        'submitted',
        sentAt,
        file('managers', 'interviewer', '2026-02-01'),
      ),
    ).toBe(false);
    // sent back: the employee sees the record as last sent, not what the interviewer added since
    const returned = recordStanding(self, facts({ state: 'draft', sent: true }))!;
    expect(
      readsAttachment(returned, 'draft', sentAt, file('all', 'interviewer', '2026-02-01')),
    ).toBe(true);
    expect(
      readsAttachment(returned, 'draft', sentAt, file('all', 'interviewer', '2026-04-01')),
    ).toBe(false);
    expect(readsAttachment(returned, 'draft', sentAt, file('all', 'employee', '2026-03-02'))).toBe(
      true,
    );

    expect(deletesAttachment(draft, 'draft', file('all', 'interviewer', sentAt))).toBe(true);
    expect(deletesAttachment(draft, 'draft', file('all', 'employee', sentAt))).toBe(false);
    expect(deletesAttachment(employeeView, 'submitted', file('all', 'employee', sentAt))).toBe(
      true,
    );
    expect(deletesAttachment(employeeView, 'submitted', file('all', 'interviewer', sentAt))).toBe(
      false,
    );
  });
});
