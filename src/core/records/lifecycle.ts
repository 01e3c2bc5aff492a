/**
 * The life of an interview record (PRODUCT.md §2) as data: every state, every action, who may take
 * it and where it leads. Services ask `nextState`; the UI asks `allowedActions` to show buttons.
 *
 *   draft ──submit──▶ submitted ──employeeSign──▶ employeeSigned ──interviewerSign──▶ signed ──(system)──▶ archived
 *     ▲                 │  │  └──refuse──▶ refused ──archive (after the deadline)──────────────────────▲
 *     └────return───────┘  └─withdraw (interviewer)
 *     └────reopen (an edit after a signature voids it) ◀── employeeSigned | signed
 */
export const RECORD_STATES = [
  'draft',
  'submitted',
  'employeeSigned',
  'signed',
  'refused',
  'archived',
] as const;
export type RecordState = (typeof RECORD_STATES)[number];

/** How the acting user stands to one record. */
export const RELATIONS = ['interviewer', 'employee', 'hr', 'collaborator', 'viewer'] as const;
export type Relation = (typeof RELATIONS)[number];

export const RECORD_ACTIONS = [
  'edit',
  'submit',
  'withdraw',
  'feedback',
  'return',
  'employeeSign',
  'refuse',
  'interviewerSign',
  'reopen',
  'archive',
] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

interface Rule {
  from: readonly RecordState[];
  to: RecordState | 'same';
  by: readonly Relation[];
}

const RULES: Record<RecordAction, Rule> = {
  edit: { from: ['draft'], to: 'same', by: ['interviewer'] },
  submit: { from: ['draft'], to: 'submitted', by: ['interviewer'] },
  withdraw: { from: ['submitted'], to: 'draft', by: ['interviewer'] },
  feedback: { from: ['submitted'], to: 'same', by: ['employee'] },
  return: { from: ['submitted'], to: 'draft', by: ['employee'] },
  employeeSign: { from: ['submitted'], to: 'employeeSigned', by: ['employee'] },
  refuse: { from: ['submitted'], to: 'refused', by: ['employee'] },
  interviewerSign: { from: ['employeeSigned'], to: 'signed', by: ['interviewer'] },
  reopen: { from: ['employeeSigned', 'signed'], to: 'draft', by: ['interviewer'] },
  // a record signed by both is archived by the system once sealed, never by hand; HR archives a
  // refused one (after the deadline the signing service checks)
  archive: { from: ['refused'], to: 'archived', by: ['hr'] },
};

export type TransitionRefusal = 'WRONG_STATE' | 'WRONG_ROLE';

/** Where an action leads, or why it may not be taken. Archived records never change. */
export function nextState(
  state: RecordState,
  action: RecordAction,
  relation: Relation,
): RecordState | TransitionRefusal {
  const rule = RULES[action];
  if (!rule.by.includes(relation)) return 'WRONG_ROLE';
  if (!rule.from.includes(state)) return 'WRONG_STATE';
  return rule.to === 'same' ? state : rule.to;
}

export function allowedActions(state: RecordState, relations: readonly Relation[]): RecordAction[] {
  return RECORD_ACTIONS.filter((action) =>
    relations.some((r) => RECORD_STATES.includes(nextState(state, action, r) as RecordState)),
  );
}

/** States whose content carries a signature that an edit would void. */
export function isSignedState(state: RecordState): boolean {
  return state === 'employeeSigned' || state === 'signed';
}

/** The steps of a record's life as its readers follow them, in order. */
export const LIFECYCLE_STEPS = [
  'planned',
  'draft',
  'sent',
  'employee',
  'signed',
  'archived',
] as const;
export type LifecycleStep = (typeof LIFECYCLE_STEPS)[number];

export interface Progress {
  /** the step under way; every step before it is done */
  step: LifecycleStep;
  /** the step ended badly (the employee refused to sign), or the whole life is over */
  status: 'process' | 'error' | 'finish';
  /** who acts next, none once archived */
  turn: Relation | null;
}

/** Where a record in each state stands: the step under way and who acts next. */
const PROGRESS: Record<RecordState, Progress> = {
  draft: { step: 'draft', status: 'process', turn: 'interviewer' },
  submitted: { step: 'employee', status: 'process', turn: 'employee' },
  employeeSigned: { step: 'signed', status: 'process', turn: 'interviewer' },
  // the system seals and archives it
  signed: { step: 'archived', status: 'process', turn: null },
  refused: { step: 'employee', status: 'error', turn: 'hr' },
  archived: { step: 'archived', status: 'finish', turn: null },
};

export function progressOf(state: RecordState): Progress {
  return PROGRESS[state];
}
