import { useEffect, useLayoutEffect, useRef } from 'react';
import { useUnsavedInput } from '../hooks/useUnsavedInput.js';
import type { RecordEditor } from './useRecordEditor.js';

const AUTOSAVE_MS = 2000;

/**
 * The user's part (the interviewer's draft, the employee's feedback) saves itself two seconds
 * after the last change, one save at a time, never over a conflict or while a command runs.
 * Leaving the page asks first while a change is not saved yet, and saves what can be saved.
 */
export function useAutosave(editor: RecordEditor, busy: boolean) {
  const { mode, canSave, saving, conflict, base, draft, dirty } = editor;
  const active = mode !== 'read' && canSave && !saving && !conflict;

  useEffect(() => {
    if (!active || busy) return;
    const timer = setTimeout(() => void editor.persist(base, draft), AUTOSAVE_MS);
    return () => clearTimeout(timer);
    // persist reads the same state the dependencies name.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, busy, base, draft]);

  const pending = useRef<(() => void) | null>(null);
  useLayoutEffect(() => {
    pending.current = active ? () => void editor.send(base, draft).catch(() => undefined) : null;
  });
  useEffect(() => () => pending.current?.(), []);

  useUnsavedInput(dirty);
}
