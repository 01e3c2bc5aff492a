import { randomBytes } from 'node:crypto';
import type { RecordTable, RecordVersionTable } from '../src/server/db/schema.js';
import type { Keyring } from '../src/server/lib/crypto/keyring.js';
import {
  diffSnapshots,
  sealPart,
  sealSnapshot,
  type Snapshot,
} from '../src/server/modules/records/content-store.js';
import { annualReview, flavourOf, mulberry32, placeFor, type Rand } from './records-content.js';
import type { RecordPlan, SeedEmployee } from './records-plan.js';

/** Column orders of the bulk INSERT statements; rows travel from the generator threads as arrays. */
export const RECORD_COLUMNS = [
  'id',
  'employee_id',
  'interviewer_id',
  'template_version_id',
  'topic',
  'interview_at',
  'place',
  'place_kind',
  'state',
  'revision',
  'employee_name',
  'employee_no',
  'department_id',
  'department_name',
  'region_id',
  'position_name',
  'content_enc',
  'confidential_enc',
  'employee_content_enc',
  'return_comment_enc',
  'created_by',
  'created_at',
  'updated_at',
  'submitted_at',
] as const satisfies readonly (keyof RecordTable)[];

export const VERSION_COLUMNS = [
  'id',
  'record_id',
  'revision',
  'state',
  'action',
  'actor_user_id',
  'at',
  'changed',
  'snapshot_enc',
] as const satisfies readonly (keyof RecordVersionTable)[];

export type Cell = string | number | null;

/** Everything a generator thread needs, sent once. */
export interface RowContext {
  employees: SeedEmployee[];
  /** the user account of each employee who interviews, by employee id */
  userOf: Record<string, string>;
  templateVersionId: string;
  /** HR staff who sit in on some interviews */
  participants: string[];
  seed: number;
}

/** A UUIDv7 for a moment in the past, so ids sort as if the rows had been created then. */
export function uuidv7At(ms: number): string {
  const bytes = randomBytes(16);
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type State = RecordTable['state'];
const RECENT_MS = 90 * 86_400_000;

/** Mostly submitted and drafts; recent records are more often still drafts. */
function stateFor(rand: Rand, ageMs: number): State {
  const r = rand();
  if (ageMs < RECENT_MS) return r < 0.55 ? 'draft' : r < 0.9 ? 'submitted' : 'employeeSigned';
  if (r < 0.2) return 'draft';
  if (r < 0.65) return 'submitted';
  if (r < 0.7) return 'employeeSigned';
  if (r < 0.88) return 'signed';
  if (r < 0.9) return 'refused';
  return 'archived';
}

function topicFor(atMs: number): string {
  const d = new Date(atMs + 8 * 3_600_000);
  const month = d.getUTCMonth() + 1;
  const year = d.getUTCFullYear();
  if (month <= 2) return `${year - 1} 年度绩效回顾`;
  if (month === 12) return `${year} 年度绩效回顾`;
  if (month >= 6 && month <= 7) return `${year} 年中绩效回顾`;
  return `${year} 年第 ${Math.ceil(month / 3)} 季度绩效沟通`;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One record as createRecord would have stored it, with its first version and participants. */
export function buildRecord(
  keyring: Keyring,
  ctx: RowContext,
  plan: RecordPlan,
  index: number,
): { record: Cell[]; version: Cell[]; participants: string[] } {
  const rand = mulberry32(ctx.seed ^ Math.imul(index + 1, 0x9e3779b1));
  const employee = ctx.employees[plan.employee[index]!]!;
  const interviewerId = employee.managerId!;
  const createdBy = ctx.userOf[interviewerId]!;
  const atMs = plan.at[index]!;
  const createdMs = Math.min(plan.nowMs, atMs + (30 + Math.floor(rand() * 90)) * 60_000);
  const state = stateFor(rand, plan.nowMs - atMs);
  const submittedMs =
    state === 'draft'
      ? null
      : Math.min(plan.nowMs, createdMs + Math.floor(rand() * 3 * 86_400_000));
  const parts = annualReview(
    rand,
    flavourOf(employee.regionCode),
    atMs,
    state !== 'draft' && state !== 'submitted',
  );
  const where = placeFor(rand);
  const participants =
    rand() < 0.15 && ctx.participants.length > 0
      ? [ctx.participants[Math.floor(rand() * ctx.participants.length)]!].filter(
          (p) => p !== employee.id && p !== interviewerId,
        )
      : [];
  const id = uuidv7At(createdMs);
  const topic = topicFor(atMs);
  const interviewAt = iso(atMs);
  const record: Record<(typeof RECORD_COLUMNS)[number], Cell> = {
    id,
    employee_id: employee.id,
    interviewer_id: interviewerId,
    template_version_id: ctx.templateVersionId,
    topic,
    interview_at: interviewAt,
    place: where.place,
    place_kind: where.placeKind,
    state,
    revision: 1,
    employee_name: employee.name,
    employee_no: employee.employeeNo,
    department_id: employee.departmentId,
    department_name: employee.departmentName,
    region_id: employee.regionId,
    position_name: employee.positionName,
    content_enc: sealPart(keyring, id, 'content', parts.content),
    confidential_enc: sealPart(keyring, id, 'confidential', parts.confidential),
    employee_content_enc: sealPart(keyring, id, 'employee_content', parts.employeeContent),
    return_comment_enc: null,
    created_by: createdBy,
    created_at: iso(createdMs),
    updated_at: iso(submittedMs ?? createdMs),
    submitted_at: submittedMs === null ? null : iso(submittedMs),
  };
  // the first version, as createRecord writes it: the draft as created
  const snapshot: Snapshot = {
    topic,
    interviewAt,
    place: where.place,
    placeKind: where.placeKind,
    participantIds: participants,
    content: parts.content,
    confidential: parts.confidential,
    employeeContent: {},
    returnComment: null,
  };
  const versionId = uuidv7At(createdMs);
  const version: Record<(typeof VERSION_COLUMNS)[number], Cell> = {
    id: versionId,
    record_id: id,
    revision: 1,
    state: 'draft',
    action: 'create',
    actor_user_id: createdBy,
    at: iso(createdMs),
    changed: JSON.stringify(diffSnapshots(null, snapshot).map((c) => c.field)),
    snapshot_enc: sealSnapshot(keyring, versionId, snapshot),
  };
  return {
    record: RECORD_COLUMNS.map((c) => record[c]),
    version: VERSION_COLUMNS.map((c) => version[c]),
    participants,
  };
}
