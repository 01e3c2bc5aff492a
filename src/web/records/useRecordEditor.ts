import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../core/records/api.js';
import type { ContentIssue } from '../../core/templates/content.js';
import { allFields, type FieldDef } from '../../core/templates/model.js';
import { isApiError } from '../api/client.js';
import { collaboratorsChanged } from '../api/collaboration.js';
import { todoKey } from '../api/schedule.js';
import { recordKey, recordsKey, saveFeedback, saveRecord } from '../api/records.js';
import {
  changedKeys,
  checkDraft,
  draftOf,
  flatten,
  mergeOnTop,
  normalizeContent,
  unflatten,
  type Author,
  type Draft,
  type RecordInfo,
} from './content.js';
import { contentIssuesOf, issueMessages } from './issues.js';
import { resolveStale, scrollToFirstProblem } from './stale.js';

/** What the reader does with the record's content: the abilities the server sent decide. */
export type Mode = 'edit' | 'feedback' | 'read';

export function modeOf(view: RecordView): Mode {
  if (view.abilities.actions.includes('edit')) return 'edit';
  if (view.abilities.actions.includes('feedback')) return 'feedback';
  return 'read';
}

const authorOf = (mode: Mode): Author => (mode === 'feedback' ? 'employee' : 'interviewer');

/**
 * One record's editor: the version it started from (`base`), the user's draft of its own part,
 * the checks on it, saving with If-Match, and the conflict when someone saved first. `latest` is
 * the version the page last read from the server.
 */
export function useRecordEditor(initial: RecordView, latest: RecordView) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  const [base, setBase] = useState(initial);
  const mode = modeOf(base);
  const author = authorOf(mode);
  const def = base.template.definition;

  const [draft, setDraft] = useState<Draft>(() => draftOf(initial, author));
  const [showRequired, setShowRequired] = useState(false);
  // The draft follows the mode: a record that becomes editable (withdrawn) starts from the server.
  const [draftMode, setDraftMode] = useState<Mode>(mode);
  if (draftMode !== mode) {
    setDraftMode(mode);
    setDraft(draftOf(base, author));
    setShowRequired(false);
  }

  const [serverIssues, setServerIssues] = useState<ContentIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<RecordView | null>(null);
  const [labels, setLabels] = useState<Record<string, string>>({});

  const baseFlat = useMemo(() => flatten(def, draftOf(base, author), author), [def, base, author]);
  const mineFlat = useMemo(() => flatten(def, draft, author), [def, draft, author]);
  const dirty = mode !== 'read' && changedKeys(baseFlat, mineFlat).length > 0;
  const liveIssues = useMemo(
    () => (mode === 'read' ? [] : checkDraft(def, draft.content, author, showRequired)),
    [mode, def, draft.content, author, showRequired],
  );
  const blockingIssues = useMemo(
    () => liveIssues.filter((issue) => issue.code !== 'required'),
    [liveIssues],
  );

  // A newer version read from the server (a refetch on return to the page) replaces an untouched
  // draft; with unsaved edits it waits, and the next save shows the conflict instead.
  const [seenLatest, setSeenLatest] = useState(latest);
  if (latest !== seenLatest) {
    setSeenLatest(latest);
    if (latest.revision > base.revision && !dirty && !conflict) {
      setBase(latest);
      setDraftMode(modeOf(latest));
      setDraft(draftOf(latest, authorOf(modeOf(latest))));
    }
  }

  const infoErrors: Partial<Record<keyof RecordInfo, string>> = {};
  if (mode === 'edit') {
    if (!draft.info.topic.trim()) infoErrors.topic = t('issues.required');
    if (!draft.info.place.trim()) infoErrors.place = t('issues.required');
  }
  const infoValid = Object.keys(infoErrors).length === 0;
  const canSave = dirty && blockingIssues.length === 0 && infoValid;

  const nameOf = (id: string) =>
    labels[id] ??
    [...base.participants, ...(conflict?.participants ?? [])].find((p) => p.id === id)?.name ??
    id;

  /** A version from the server becomes the page's: this record's caches follow. */
  function adopt(view: RecordView) {
    setBase(view);
    queryClient.setQueryData(recordKey(view.id), view);
    void queryClient.invalidateQueries({ queryKey: [...recordKey(view.id), 'history'] });
    void queryClient.invalidateQueries({ queryKey: recordsKey });
    void queryClient.invalidateQueries({ queryKey: todoKey });
    collaboratorsChanged(queryClient, view.id);
  }

  function handleStale(error: unknown): Promise<boolean> {
    return resolveStale(error, base.id, {
      dirty,
      showConflict: setConflict,
      takeCurrent: (current) => {
        adopt(current);
        void message.warning(t('record.stateChanged'));
      },
      failed: (text) => void message.error(text),
    });
  }

  /** In the template's order, the fields among `issues`. */
  const problemKeys = (issues: readonly ContentIssue[]) => {
    const keys = new Set(issues.map((i) => i.field));
    return allFields(def)
      .filter((f) => keys.has(f.key))
      .map((f) => f.key);
  };

  /** The server refused the content: its issues are shown, required fields marked. */
  function showServerIssues(issues: ContentIssue[]) {
    setServerIssues(issues);
    setShowRequired(true);
    scrollToFirstProblem(problemKeys(issues), !infoValid);
  }

  /**
   * Whether the draft may be sent: `draft` asks for well-formed values (a save), `complete` for
   * every required field too (a submission). Says what is wrong and scrolls to it otherwise.
   */
  function ready(check: 'draft' | 'complete'): boolean {
    const issues =
      check === 'complete' ? checkDraft(def, draft.content, author, true) : blockingIssues;
    if (issues.length === 0 && infoValid) return true;
    if (check === 'complete') setShowRequired(true);
    scrollToFirstProblem(problemKeys(issues), !infoValid);
    void message.error(
      check === 'complete'
        ? t('record.missingFields', { count: issues.length + Object.keys(infoErrors).length })
        : t('record.fixBeforeSave'),
    );
    return false;
  }

  /** The request that saves this author's part of `values` on top of `from`. */
  function send(from: RecordView, values: Draft): Promise<RecordView> {
    const content = normalizeContent(def, values.content, author);
    return author === 'employee'
      ? saveFeedback(from.id, from.revision, content)
      : saveRecord(from.id, from.revision, { ...values.info, content });
  }

  /** Saves `values` on top of `from`; null when it did not (the reason is on the page). */
  async function persist(from: RecordView, values: Draft): Promise<RecordView | null> {
    setSaving(true);
    setSaveError(null);
    try {
      const result = await send(from, values);
      adopt(result);
      setSavedAt(new Date().toISOString());
      setServerIssues([]);
      return result;
    } catch (error) {
      if (await handleStale(error)) return null;
      if (isApiError(error, 'CONTENT_INVALID')) {
        setServerIssues(contentIssuesOf(error.details));
        setShowRequired(true);
      }
      setSaveError((error as Error).message);
      return null;
    } finally {
      setSaving(false);
    }
  }

  /** The conflict's "keep mine": my changes on top of their version, saved at once. */
  function keepMine() {
    if (!conflict) return;
    const theirsFlat = flatten(def, draftOf(conflict, author), author);
    const merged = unflatten(mergeOnTop(baseFlat, mineFlat, theirsFlat), draftOf(conflict, author));
    setBase(conflict);
    setDraft(merged);
    setConflict(null);
    void persist(conflict, merged).then((result) => {
      if (result) void message.success(t('record.saved'));
    });
  }

  function takeTheirs() {
    if (!conflict) return;
    adopt(conflict);
    setDraftMode(modeOf(conflict));
    setDraft(draftOf(conflict, authorOf(modeOf(conflict))));
    setConflict(null);
    setSaveError(null);
    setSavedAt(null);
  }

  /** Whether this reader writes the field now: the interviewer its fields, the employee its own. */
  const editable = (field: FieldDef) => mode !== 'read' && field.filledBy === author;

  return {
    base,
    mode,
    def,
    draft,
    dirty,
    canSave,
    saving,
    savedAt,
    saveError,
    conflict,
    serverIssues,
    infoErrors,
    /** field key → the message to show under it */
    fieldErrors: issueMessages(t, def, liveIssues),
    editable,
    valueOf: (field: FieldDef) =>
      editable(field)
        ? draft.content[field.key]
        : field.filledBy === 'employee'
          ? base.employeeContent[field.key]
          : base.content[field.key],
    setField: (key: string, value: unknown) =>
      setDraft((old) => ({ ...old, content: { ...old.content, [key]: value } })),
    setInfo: (patch: Partial<RecordInfo>) =>
      setDraft((old) => ({ ...old, info: { ...old.info, ...patch } })),
    addLabels: (more: Record<string, string>) => setLabels((old) => ({ ...old, ...more })),
    nameOf,
    flat: { base: baseFlat, mine: mineFlat },
    theirsFlat: conflict ? flatten(def, draftOf(conflict, author), author) : null,
    adopt,
    handleStale,
    showServerIssues,
    ready,
    send,
    persist,
    keepMine,
    takeTheirs,
  };
}

export type RecordEditor = ReturnType<typeof useRecordEditor>;
