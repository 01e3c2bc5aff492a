/**
 * Response shapes of the API that `src/core` does not define (yet). Kept to what the pages read.
 */
import type { Role, ScopeKind } from '../../core/roles.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Region {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  regionId: string;
  parentId: string | null;
  path: string;
}

export interface Position {
  id: string;
  name: string;
}

export interface Ref {
  id: string;
  name: string;
}

export type EmployeeStatus = 'active' | 'left';

export interface EmployeeSummary {
  id: string;
  employeeNo: string;
  name: string;
  namePinyin: string;
  department: Ref;
  region: Ref;
  position: Ref | null;
  status: EmployeeStatus;
}

export interface EmployeeDetail extends EmployeeSummary {
  nameInitials: string;
  email: string | null;
  phone: string | null;
  /** `visible`: whether the viewer may open the manager's profile (a link only then). */
  manager: { id: string; name: string; employeeNo: string; visible: boolean } | null;
  hireDate: string | null;
  directReports: { id: string; name: string; employeeNo: string; position: string | null }[];
}

export interface DirectoryFilters {
  q?: string;
  regionId?: string;
  departmentId?: string;
  positionId?: string;
  status?: EmployeeStatus | 'all';
}

export interface ImportCounts {
  created: number;
  updated: number;
}

export interface ImportResult {
  ok: true;
  format: 'xlsx' | 'csv';
  departments: ImportCounts;
  employees: ImportCounts;
}

/** One entry of `details.errors` in an IMPORT_INVALID answer. */
export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}

export interface RoleGrant {
  role: Role;
  scopeKind: ScopeKind;
  regionId: string | null;
  departmentId: string | null;
}

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  employeeId: string | null;
  employeeNo: string | null;
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  roles: RoleGrant[];
}

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditEntry {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  ip: string | null;
  userAgent: string | null;
  action: string;
  outcome: AuditOutcome;
  targetType: string | null;
  targetId: string | null;
  payload: unknown;
}

export type AuditProblemKind =
  | 'modified'
  | 'deleted'
  | 'inserted'
  | 'head_mismatch'
  | 'checkpoint_signature'
  | 'checkpoint_mismatch';

export interface AuditProblem {
  seq: number;
  kind: AuditProblemKind;
  detail: string;
}

export interface AuditVerifyReport {
  ok: boolean;
  entries: number;
  headSeq: number;
  checkpoints: number;
  firstProblem: AuditProblem | null;
  problems: AuditProblem[];
}
