import { authorize } from '../../../core/access/authorize.js';
import type { SystemStatus } from '../../../core/system.js';
import { forbidden } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import { auditStatus } from '../audit/service.js';
import { keyStatus } from '../keys/status.js';

/** One section per concern, each from the module that owns it. */
export async function systemStatus({ ctx, db, actor }: Call): Promise<SystemStatus> {
  if (!authorize(actor, 'system.read')) throw forbidden();
  return { audit: await auditStatus(ctx, db), keys: await keyStatus(ctx, db) };
}
