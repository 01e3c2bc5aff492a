import type { AuditTargetType } from '../../../core/audit.js';

export interface AuditTarget {
  /** `plan` only ever appears in entries written before the schedule's rename */
  type: Exclude<AuditTargetType, 'plan'>;
  id: string | null;
}

/** Who did it and from where; filled once per request by the HTTP layer. */
export interface RequestMeta {
  actorUserId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export const SYSTEM_META: RequestMeta = { actorUserId: null, ip: null, userAgent: 'miantan-cli' };
