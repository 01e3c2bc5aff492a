import type { RecordView } from '../../core/records/api.js';
import { isApiError } from '../api/client.js';
import { fetchRecord } from '../api/records.js';

interface Handlers {
  /** the user has unsaved edits, which must not be dropped silently */
  dirty: boolean;
  showConflict: (current: RecordView) => void;
  /** nothing of the user's is at stake: the current version simply replaces the page's */
  takeCurrent: (current: RecordView) => void;
  failed: (message: string) => void;
}

/**
 * When a request failed because the record changed under us (412, or a state that no longer
 * allows the action): show both versions, or take the new one when nothing unsaved is at stake.
 * False when the error is of another kind.
 */
export async function resolveStale(error: unknown, id: string, on: Handlers): Promise<boolean> {
  const stale = isApiError(error, 'PRECONDITION_FAILED');
  if (!stale && !isApiError(error, 'INVALID_TRANSITION')) return false;
  const sent = stale ? (error.details as { current?: RecordView } | null)?.current : undefined;
  let current = sent ?? null;
  if (!current) {
    try {
      current = await fetchRecord(id);
    } catch (e) {
      // A failure to load it leaves the page as it is.
      on.failed((e as Error).message);
      return true;
    }
  }
  if (stale || on.dirty) on.showConflict(current);
  else on.takeCurrent(current);
  return true;
}

/** Brings the first field with a problem (or the basic info) into view. */
export function scrollToFirstProblem(fieldKeys: readonly string[], infoFirst: boolean) {
  const target = infoFirst
    ? document.getElementById('record-info')
    : fieldKeys.length > 0
      ? document.getElementById(`field-${fieldKeys[0]}`)
      : null;
  target?.scrollIntoView({ behavior: 'smooth', block: 'center' });
}
