import { useEffect } from 'react';

/** The parts of the current page that hold input not saved yet; see UnsavedInputGuard. */
const unsavedParts = new Set<symbol>();

export function hasUnsavedInput(): boolean {
  return unsavedParts.size > 0;
}

/**
 * Declares that this part of the page holds unsaved input while `unsaved` is true, so leaving
 * the page asks first. Any number of parts may declare (an editor, a comment box, a dialog's
 * form): the router takes one blocker only, so one guard in the shell asks for all of them.
 */
export function useUnsavedInput(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const part = Symbol('unsaved input');
    unsavedParts.add(part);
    return () => {
      unsavedParts.delete(part);
    };
  }, [unsaved]);
}
