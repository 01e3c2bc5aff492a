import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  LIFECYCLE_STEPS,
  nextState,
  progressOf,
  RECORD_ACTIONS,
  RECORD_STATES,
  RELATIONS,
  type RecordState,
} from '../../src/core/records/lifecycle.js';

const EMPLOYEE_ACTIONS = new Set(['feedback', 'return', 'employeeSign', 'refuse']);
const INTERVIEWER_ACTIONS = new Set(['edit', 'submit', 'withdraw', 'interviewerSign', 'reopen']);

describe('record lifecycle', () => {
  it('no sequence of actions reaches an invalid state or lets the wrong party act', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            action: fc.constantFrom(...RECORD_ACTIONS),
            by: fc.constantFrom(...RELATIONS),
          }),
          { maxLength: 40 },
        ),
        (steps) => {
          let state: RecordState = 'draft';
          for (const { action, by } of steps) {
            const next = nextState(state, action, by);
            if (next === 'WRONG_ROLE' || next === 'WRONG_STATE') continue;
            expect(RECORD_STATES).toContain(next);
            if (EMPLOYEE_ACTIONS.has(action)) expect(by).toBe('employee');
            if (INTERVIEWER_ACTIONS.has(action)) expect(by).toBe('interviewer');
            if (action === 'archive') expect(by).toBe('hr');
            // collaborators and viewers never change anything
            expect(['collaborator', 'viewer']).not.toContain(by);
            expect(state).not.toBe('archived');
            if (next === 'archived') expect(state).toBe('refused');
            if (next === 'signed') expect(state).toBe('employeeSigned');
            state = next;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('archived is final for everyone', () => {
    for (const action of RECORD_ACTIONS)
      for (const by of RELATIONS) expect(nextState('archived', action, by)).toMatch(/^WRONG_/);
    expect(allowedActions('archived', RELATIONS)).toEqual([]);
  });

  it('the employee sends a submitted record back to draft, the interviewer edits and resubmits', () => {
    expect(nextState('submitted', 'return', 'employee')).toBe('draft');
    expect(nextState('submitted', 'return', 'interviewer')).toBe('WRONG_ROLE');
    expect(nextState('draft', 'return', 'employee')).toBe('WRONG_STATE');
    expect(nextState('draft', 'edit', 'interviewer')).toBe('draft');
    expect(nextState('submitted', 'edit', 'interviewer')).toBe('WRONG_STATE');
    expect(allowedActions('submitted', ['employee'])).toEqual([
      'feedback',
      'return',
      'employeeSign',
      'refuse',
    ]);
    expect(allowedActions('draft', ['interviewer'])).toEqual(['edit', 'submit']);
  });

  it('shows every state at a step, and the turn to one who can move the record on from it', () => {
    for (const state of RECORD_STATES) {
      const { step, turn } = progressOf(state);
      expect(LIFECYCLE_STEPS).toContain(step);
      // archived is over; a record signed by both waits for the system to seal and archive it
      if (state === 'archived' || state === 'signed') {
        expect(turn).toBeNull();
        continue;
      }
      const moves = RECORD_ACTIONS.filter((action) => {
        const next = nextState(state, action, turn!);
        return next !== state && RECORD_STATES.includes(next as RecordState);
      });
      expect(moves, `${state}: the ${turn} has a move`).not.toEqual([]);
    }
  });
});
