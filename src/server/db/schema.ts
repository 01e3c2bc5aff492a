import type { Generated } from 'kysely';

/** Row types as stored. Times are ISO-8601 UTC strings; booleans are 0/1 integers on both dialects. */
export interface RegionTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  created_at: string;
}

export interface DepartmentTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  region_id: string;
  parent_id: string | null;
  /** `/rootId/…/id/`: a subtree is every path with this prefix. */
  path: string;
  created_at: string;
  updated_at: string;
}

export interface PositionTable {
  id: string;
  name: string;
  created_at: string;
}

export type EmployeeStatus = 'active' | 'left';

export interface EmployeeTable {
  id: string;
  employee_no: string;
  name: string;
  /** lower-case full pinyin without tones or spaces, e.g. "zhangsan" */
  name_pinyin: string;
  /** lower-case initials, e.g. "zs" */
  name_initials: string;
  email: string | null;
  /** envelope-encrypted (personal data) */
  phone_enc: string | null;
  department_id: string;
  position_id: string | null;
  manager_id: string | null;
  hire_date: string | null;
  status: EmployeeStatus;
  left_at: string | null;
  created_at: string;
  updated_at: string;
}

export type UserStatus = 'active' | 'disabled';

export interface UserTable {
  id: string;
  username: string;
  employee_id: string | null;
  display_name: string;
  password_hash: string;
  status: UserStatus;
  failed_logins: number;
  locked_until: string | null;
  password_changed_at: string;
  locale: string;
  created_at: string;
  updated_at: string;
}

export interface RoleAssignmentTable {
  id: string;
  user_id: string;
  role: string;
  scope_kind: string;
  region_id: string | null;
  department_id: string | null;
  created_at: string;
  created_by: string | null;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  csrf_token: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** A one-time code to set an account's first password; only its hash is stored. */
export interface ActivationCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  expires_at: string;
  failed_attempts: number;
  created_by: string | null;
  created_at: string;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  actor_user_id: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  outcome: string;
  target_type: string | null;
  target_id: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
  /** HMAC of `hash` under the audit key; null on entries written before entries carried one */
  mac: string | null;
}

export interface AuditCheckpointTable {
  seq: number;
  hash: string;
  at: string;
  /** which signing key: tells a checkpoint signed with another key from a damaged one */
  key_id: string;
  macs_from: number;
  sig: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface NodeTable {
  id: string;
  host: string;
  pid: number;
  started_at: string;
  seen_at: string;
  beat: number;
  active_key: string;
  keys: string;
  drained: number;
}

export interface JobLeaseTable {
  name: string;
  due_at: string;
  holder: string;
}

export interface TemplateTable {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  description_zh: string;
  description_en: string;
  builtin: number;
  status: 'active' | 'retired';
  current_version: number;
  /** the owner scope: a region, a department, or neither for the whole organisation */
  owner_region_id: string | null;
  owner_department_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TemplateVersionTable {
  id: string;
  template_id: string;
  version: number;
  name_zh: string;
  name_en: string;
  /** JSON of a core TemplateDefinition */
  definition: string;
  created_by: string | null;
  created_at: string;
}

export interface RecordTable {
  id: string;
  employee_id: string;
  interviewer_id: string;
  template_version_id: string;
  topic: string;
  interview_at: string;
  place: string;
  place_kind: 'room' | 'online';
  state: 'draft' | 'submitted' | 'employeeSigned' | 'signed' | 'refused' | 'archived';
  revision: number;
  employee_name: string;
  employee_no: string;
  department_id: string;
  department_name: string;
  region_id: string;
  position_name: string | null;
  content_enc: string;
  confidential_enc: string;
  employee_content_enc: string;
  return_comment_enc: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  /** the archived record this one corrects (an addendum, 补充记录) */
  addendum_of: string | null;
}

export interface RecordParticipantTable {
  record_id: string;
  employee_id: string;
}

export interface RecordVersionTable {
  id: string;
  record_id: string;
  revision: number;
  state: string;
  action: string;
  actor_user_id: string;
  at: string;
  changed: string;
  snapshot_enc: string;
}

export interface ScheduledInterviewTable {
  id: string;
  interviewer_id: string;
  employee_id: string;
  template_id: string;
  topic: string;
  scheduled_at: string;
  place: string;
  place_kind: 'room' | 'online';
  status: 'planned' | 'started' | 'cancelled';
  record_id: string | null;
  /** bumped by every change of a planned entry; writes name the one they read (If-Match) */
  revision: number;
  rescheduled_at: string | null;
  cancel_reason: string | null;
  cancelled_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface PrivateNoteTable {
  id: string;
  record_id: string;
  author_user_id: string;
  body_enc: string;
  updated_at: string;
}

export interface RecordCollaboratorTable {
  record_id: string;
  employee_id: string;
  granted_by: string;
  granted_at: string;
}

export interface RecordCommentTable {
  id: string;
  record_id: string;
  author_user_id: string;
  body_enc: string;
  audience: 'internal' | 'shared';
  created_at: string;
}

export interface RecordAttachmentTable {
  id: string;
  record_id: string;
  part: 'interviewer' | 'employee';
  audience: 'all' | 'managers';
  file_name_enc: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  data_key_enc: string;
  uploaded_by: string;
  created_at: string;
}

/** One PDF handed out, kept to verify copies of it later. */
export interface RecordPdfTable {
  id: string;
  record_id: string;
  code: string;
  view: 'employee' | 'full';
  language: 'zh-CN' | 'en-US';
  record_sha256: string;
  pdf_sha256: string;
  issued_by: string;
  issued_at: string;
  /** JSON array of the ids of the signatures in force the PDF printed */
  signature_ids: string;
}

export interface UserSigningKeyTable {
  id: string;
  user_id: string;
  public_key: string;
  private_key_wrapped: string;
  created_at: string;
  retired_at: string | null;
}

export interface SigningLockoutTable {
  user_id: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface RecordSignatureTable {
  id: string;
  record_id: string;
  revision: number;
  role: 'employee' | 'interviewer';
  signer_user_id: string;
  signing_key_id: string;
  choice: 'agree' | 'disagree' | 'refuse';
  reason_enc: string | null;
  handwriting_enc: string;
  handwriting_sha256: string;
  record_sha256: string;
  signed_at: string;
  ip: string | null;
  user_agent: string | null;
  auth_method: string;
  payload: string;
  signature: string;
  voided_at: string | null;
  void_reason: string | null;
}

export interface RecordSealTable {
  record_id: string;
  payload: string;
  key_id: string;
  signature: string;
  timestamp_token: string | null;
  timestamp_at: string | null;
  tsa_name: string | null;
  sealed_at: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  record_id: string | null;
  schedule_id: string | null;
  /** the record's or plan's topic when the notice was sent */
  subject: string | null;
  actor_user_id: string | null;
  created_at: string;
  read_at: string | null;
}

export interface Database {
  regions: RegionTable;
  departments: DepartmentTable;
  positions: PositionTable;
  employees: EmployeeTable;
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  activation_codes: ActivationCodeTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointTable;
  templates: TemplateTable;
  template_versions: TemplateVersionTable;
  records: RecordTable;
  record_participants: RecordParticipantTable;
  record_versions: RecordVersionTable;
  scheduled_interviews: ScheduledInterviewTable;
  private_notes: PrivateNoteTable;
  record_collaborators: RecordCollaboratorTable;
  record_comments: RecordCommentTable;
  record_attachments: RecordAttachmentTable;
  record_pdfs: RecordPdfTable;
  user_signing_keys: UserSigningKeyTable;
  signing_lockouts: SigningLockoutTable;
  record_signatures: RecordSignatureTable;
  record_seals: RecordSealTable;
  notifications: NotificationTable;
  archive_maintenance: { reason: string };
  nodes: NodeTable;
  job_leases: JobLeaseTable;
  kysely_migration?: { name: Generated<string> };
}
