import { Form, type FormInstance } from 'antd';
import { useCallback, useEffect, useState } from 'react';

/** The parts of the current page that hold input not saved yet; see UnsavedInputGuard. */
const unsavedParts = new Set<symbol>();

export function hasUnsavedInput(): boolean {
  return unsavedParts.size > 0;
}

/**
 * Declares that this part of the page holds unsaved input while `unsaved` is true, so leaving
 * the page asks first. Any number of parts may declare (an editor, a comment box, a dialog's
 * form): the router takes one blocker only, so one guard in the shell asks for all of them.
 * Returns `release`, for a part that has just saved and moves on at once (to the saved object's
 * page), before a render could tell the guard.
 */
export function useUnsavedInput(unsaved: boolean): () => void {
  const [part] = useState(() => Symbol('unsaved input'));
  useEffect(() => {
    if (!unsaved) return;
    unsavedParts.add(part);
    return () => {
      unsavedParts.delete(part);
    };
  }, [unsaved, part]);
  return useCallback(() => void unsavedParts.delete(part), [part]);
}

/**
 * An antd form's part in the guard: unsaved once the user has changed a field, while `open`
 * (a dialog's form exists only while the dialog is open). Watching every value re-renders the
 * caller on each change, so `isFieldsTouched` is read fresh.
 */
export function useFormUnsavedInput(form: FormInstance, open = true): () => void {
  Form.useWatch((values: unknown) => values, form);
  return useUnsavedInput(open && form.isFieldsTouched());
}
