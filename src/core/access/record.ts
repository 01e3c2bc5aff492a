import type { Role } from '../roles.js';
import { allowedActions, type RecordState, type Relation } from '../records/lifecycle.js';
import {
  inEmployeeScope,
  readsRecordsOf,
  scopeOfRoles,
  type Actor,
  type EmployeeRef,
} from './scope.js';

/** What access to one interview record depends on, all read fresh on every request. */
export interface RecordFacts {
  /** the employee as the org tree places it now, not as snapshotted in the record */
  employee: EmployeeRef;
  interviewerId: string;
  state: RecordState;
  /** sent to the employee at least once (a version the employee may see exists) */
  sent: boolean;
  /** the actor is @mentioned in the record's open content */
  collaborator: boolean;
}

/**
 * Accounts holding these roles never read an individual record (PRODUCT §1), so they can never be
 * made collaborators: mentioning them is refused and people search does not offer them.
 */
export const NEVER_COLLABORATORS: readonly Role[] = ['admin', 'executive', 'auditor'];

/** Who reads a comment: the people around the interviewer, or also the employee. */
export const COMMENT_AUDIENCES = ['internal', 'shared'] as const;
export type CommentAudience = (typeof COMMENT_AUDIENCES)[number];

export interface RecordStanding {
  relations: Relation[];
  /** full: every field, drafts included; restricted: what was sent, without manager-only fields */
  audience: 'full' | 'restricted';
}

const HR = new Set(['hr'] as const);

/**
 * How an actor stands to one record, or null when it may not see it at all. Everything follows
 * the organisation as it is now: an interviewer that no longer holds a manager or HR grant
 * covering the employee has lost the record, authorship included. The employee and the
 * collaborators see a record only once it was sent, and then only what was sent.
 */
export function recordStanding(actor: Actor, facts: RecordFacts): RecordStanding | null {
  const me = actor.employeeId;
  const byRole = readsRecordsOf(actor, facts.employee);
  const relations: Relation[] = [];
  if (byRole && me === facts.interviewerId) relations.push('interviewer');
  if (byRole && inEmployeeScope(scopeOfRoles(actor, HR), facts.employee)) relations.push('hr');
  if (byRole && relations.length === 0) relations.push('viewer');
  if (facts.sent && me === facts.employee.id) relations.push('employee');
  if (facts.sent && facts.collaborator && !byRole) relations.push('collaborator');
  if (relations.length === 0) return null;
  return { relations, audience: byRole ? 'full' : 'restricted' };
}

/** Record permissions that depend on the actor's standing alone. */
export type RecordPermission =
  | 'record.read'
  | 'record.history'
  | 'record.comment'
  | 'record.viewers'
  | 'record.collaborators'
  | 'record.privateNote'
  | 'record.handover'
  | 'record.addendum'
  | 'record.pdf';

export function recordAllows(
  standing: RecordStanding | null,
  permission: RecordPermission,
  state: RecordState,
): boolean {
  if (!standing) return false;
  const has = (r: Relation) => standing.relations.includes(r);
  switch (permission) {
    case 'record.read':
    case 'record.history':
    case 'record.comment':
    case 'record.collaborators':
      return true;
    // PIPL's right to know who opened it: the employee, and those who read everything
    case 'record.viewers':
      return has('employee') || standing.audience === 'full';
    // coaching notes are the interviewer's own, never part of the record
    case 'record.privateNote':
      return has('interviewer');
    // HR moves an unsent record to the manager who now holds the employee
    case 'record.handover':
      return has('hr') && state === 'draft';
    // a correction after archiving, by whoever reads the whole record (and may interview the
    // employee: `employee.interview`, checked with it)
    case 'record.addendum':
      return standing.audience === 'full' && state === 'archived';
    // a PDF is evidence of what was sent: a draft has none
    case 'record.pdf':
      return state !== 'draft';
  }
}

/**
 * Who may read a comment. Internal comments are for the interviewer's side (the interviewer,
 * HR and managers in scope, collaborators); shared ones also reach the employee.
 */
export function readsComment(standing: RecordStanding, audience: CommentAudience): boolean {
  return audience === 'shared' || standing.relations.some((r) => r !== 'employee');
}

/**
 * The audiences an actor may write a comment for: nothing written while the record is a draft
 * reaches the employee, and the employee's own comments are always shared.
 */
export function commentAudiences(
  standing: RecordStanding | null,
  state: RecordState,
): CommentAudience[] {
  if (!standing) return [];
  if (standing.relations.every((r) => r === 'employee')) return ['shared'];
  return state === 'draft' ? ['internal'] : ['internal', 'shared'];
}

/**
 * A stored version the restricted audience may see: what was sent to the employee and what the
 * employee answered, and the moment it went back to the interviewer (content still as sent).
 * Draft revisions in between never reach it.
 */
export function versionIsShared(version: { state: RecordState; action: string }): boolean {
  return version.state !== 'draft' || version.action === 'withdraw' || version.action === 'return';
}

/** What an actor sees of a record right now: the live row, or the last version sent to it. */
export function showsLastSent(standing: RecordStanding, state: RecordState): boolean {
  return standing.audience === 'restricted' && state === 'draft';
}

/** Who reads an attachment: everyone who reads the record, or only those who read manager-only fields. */
export const ATTACHMENT_AUDIENCES = ['all', 'managers'] as const;
export type AttachmentAudience = (typeof ATTACHMENT_AUDIENCES)[number];

/** Whose part of the record an attachment belongs to: the interviewer's draft or the employee's feedback. */
export type AttachmentPart = 'interviewer' | 'employee';

export interface AttachmentFacts {
  part: AttachmentPart;
  audience: AttachmentAudience;
  createdAt: string;
}

/**
 * Where the actor may attach a file now, and for whom: whoever may edit the draft attaches to
 * the interviewer's part (manager-only if it likes), whoever may write the feedback attaches to
 * the employee's part, for everyone. Null when it may attach nothing.
 */
export function attachmentTarget(
  standing: RecordStanding | null,
  state: RecordState,
): { part: AttachmentPart; audiences: AttachmentAudience[] } | null {
  if (!standing) return null;
  const actions = allowedActions(state, standing.relations);
  if (actions.includes('edit')) return { part: 'interviewer', audiences: ['all', 'managers'] };
  if (actions.includes('feedback')) return { part: 'employee', audiences: ['all'] };
  return null;
}

/**
 * Who reads an attachment: manager-only files only the full audience, like manager-only
 * fields. While the interviewer revises a returned draft, the restricted audience sees the
 * record as last sent, so a file the interviewer attached since is not shown to it yet.
 */
export function readsAttachment(
  standing: RecordStanding,
  state: RecordState,
  submittedAt: string | null,
  attachment: AttachmentFacts,
): boolean {
  if (standing.audience === 'full') return true;
  if (attachment.audience === 'managers') return false;
  if (!showsLastSent(standing, state) || attachment.part === 'employee') return true;
  return submittedAt !== null && attachment.createdAt <= submittedAt;
}

/** A file is removed from the part the actor may attach to now: a draft's, or the open feedback's. */
export function deletesAttachment(
  standing: RecordStanding,
  state: RecordState,
  attachment: AttachmentFacts,
): boolean {
  return attachmentTarget(standing, state)?.part === attachment.part;
}

/**
 * The abilities sent with a record, so that the web shows what the server allows and no more.
 */
export function recordAbilities(
  standing: RecordStanding,
  state: RecordState,
  /** the actor may interview the record's employee (`employee.interview`) */
  interviews: boolean,
  /** a refused record's deadline for archiving has passed */
  archiveDue = false,
) {
  const allows = (p: RecordPermission) => recordAllows(standing, p, state);
  const actions = allowedActions(state, standing.relations);
  return {
    actions,
    sign: actions.includes('employeeSign'),
    refuse: actions.includes('refuse'),
    countersign: actions.includes('interviewerSign'),
    reopen: actions.includes('reopen'),
    archive: actions.includes('archive') && archiveDue,
    comment: commentAudiences(standing, state),
    history: allows('record.history'),
    viewers: allows('record.viewers'),
    collaborators: allows('record.collaborators'),
    privateNote: allows('record.privateNote'),
    handover: allows('record.handover'),
    attach: attachmentTarget(standing, state)?.audiences ?? [],
    addendum: allows('record.addendum') && interviews,
    pdf: allows('record.pdf'),
  };
}
export type RecordAbilities = ReturnType<typeof recordAbilities>;
