import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Popconfirm,
  Spin,
  Tabs,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RECORD_LIMITS, type RecordView } from '../../core/records/api.js';
import type { ContentIssue } from '../../core/templates/content.js';
import { allFields, type FieldDef } from '../../core/templates/model.js';
import { isApiError, request } from '../api/client.js';
import { todoKey } from '../api/schedule.js';
import {
  recordKey,
  recordsKey,
  returnRecord,
  saveFeedback,
  saveRecord,
  submitRecord,
  useRecord,
  withdrawRecord,
} from '../api/records.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { NotFoundResult } from '../components/NotFoundResult.js';
import { CommentsPanel, collaboratorsChanged } from '../components/records/CommentsPanel.js';
import { ConflictDialog } from '../components/records/ConflictDialog.js';
import { HistoryList } from '../components/records/HistoryList.js';
import { PrivateNotePanel } from '../components/records/PrivateNotePanel.js';
import { RecordInfoForm } from '../components/records/RecordInfoForm.js';
import { RecordSections } from '../components/records/RecordSections.js';
import { RecordStateTag } from '../components/records/RecordStateTag.js';
import { ViewersPanel } from '../components/records/ViewersPanel.js';
import { formatDateTimeShort, formatTime, localized } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { profilePath, templatePath } from '../paths.js';
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
} from '../records/content.js';
import { contentIssuesOf, issueMessages } from '../records/issues.js';
import { useSession } from '../session.js';

const AUTOSAVE_MS = 2000;
// Button props have no data-* keys in their type, though the DOM takes them; spread past the check.
const RETURN_SEND_TEST_ID = { 'data-testid': 'record-return-send' };

export function RecordPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const record = useRecord(id);
  if (record.isPending) return <Spin size="large" className="page-spin" />;
  if (isApiError(record.error, 'NOT_FOUND')) {
    return <NotFoundResult subtitle={t('notFound.record')} />;
  }
  if (record.isError) {
    return <ErrorResult error={record.error} onRetry={() => void record.refetch()} />;
  }
  // A new record id is a new editor: no draft state carries over.
  return <RecordEditor key={id} initial={record.data} latest={record.data} />;
}

type Mode = 'edit' | 'feedback' | 'read';

function modeOf(view: RecordView): Mode {
  if (view.abilities.actions.includes('edit')) return 'edit';
  if (view.abilities.actions.includes('feedback')) return 'feedback';
  return 'read';
}

function fetchRecord(id: string) {
  return request<RecordView>('GET', `/api/records/${encodeURIComponent(id)}`);
}

/**
 * One record as its reader may see it and, when the actions allow, its editor: the interviewer
 * edits a draft (autosaved, with If-Match), the employee writes its feedback or sends it back.
 */
function RecordEditor({ initial, latest }: { initial: RecordView; latest: RecordView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { user } = useSession();

  const [base, setBase] = useState(initial);
  const mode = modeOf(base);
  const author: Author = mode === 'feedback' ? 'employee' : 'interviewer';
  const def = base.template.definition;

  // The draft follows the mode: a record that becomes editable (withdrawn) starts from the server.
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial, author));
  const [draftMode, setDraftMode] = useState<Mode>(mode);
  if (draftMode !== mode) {
    setDraftMode(mode);
    setDraft(draftOf(base, author));
  }

  const [showRequired, setShowRequired] = useState(false);
  const [serverIssues, setServerIssues] = useState<ContentIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const [acting, setActing] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<RecordView | null>(null);
  const [returnOpen, setReturnOpen] = useState(false);
  const [returnComment, setReturnComment] = useState('');
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
      setDraft(draftOf(latest, modeOf(latest) === 'feedback' ? 'employee' : 'interviewer'));
    }
  }
  const infoErrors: Partial<Record<keyof RecordInfo, string>> = {};
  if (mode === 'edit') {
    if (!draft.info.topic.trim()) infoErrors.topic = t('record.issue.required');
    if (!draft.info.place.trim()) infoErrors.place = t('record.issue.required');
  }
  const infoValid = Object.keys(infoErrors).length === 0;
  const canSave = dirty && blockingIssues.length === 0 && infoValid;
  const errors = issueMessages(t, def, draft.content, liveIssues);

  const nameOf = (id: string) =>
    labels[id] ??
    [...base.participants, ...(conflict?.participants ?? [])].find((p) => p.id === id)?.name ??
    id;

  function adopt(view: RecordView) {
    setBase(view);
    queryClient.setQueryData(recordKey(view.id), view);
    void queryClient.invalidateQueries({ queryKey: [...recordKey(view.id), 'history'] });
    void queryClient.invalidateQueries({ queryKey: recordsKey });
    void queryClient.invalidateQueries({ queryKey: todoKey });
    collaboratorsChanged(queryClient, view.id);
  }

  /** The server's current version; a failure to load it leaves the page as it is. */
  async function reload(): Promise<RecordView | null> {
    try {
      const view = await fetchRecord(base.id);
      return view;
    } catch (error) {
      void message.error((error as Error).message);
      return null;
    }
  }

  /** When the record changed under us: show both versions, never drop the user's edits silently. */
  async function handleStale(error: unknown): Promise<boolean> {
    if (isApiError(error, 'PRECONDITION_FAILED')) {
      const current =
        (error.details as { current?: RecordView } | null)?.current ?? (await reload());
      if (current) setConflict(current);
      return true;
    }
    if (isApiError(error, 'INVALID_TRANSITION')) {
      const current = await reload();
      if (current) {
        if (dirty) setConflict(current);
        else {
          adopt(current);
          void message.warning(t('record.stateChanged'));
        }
      }
      return true;
    }
    return false;
  }

  async function persist(from: RecordView, values: Draft): Promise<RecordView | null> {
    setSaving(true);
    setSaveError(null);
    try {
      const content = normalizeContent(def, values.content, author);
      const result =
        author === 'employee'
          ? await saveFeedback(from.id, from.revision, content)
          : await saveRecord(from.id, from.revision, { ...values.info, content });
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

  // Autosave: two seconds after the last change, one save at a time, never over a conflict.
  useEffect(() => {
    if (mode !== 'edit' || !canSave || saving || conflict || acting) return;
    const timer = setTimeout(() => void persist(base, draft), AUTOSAVE_MS);
    return () => clearTimeout(timer);
    // persist reads the same state the dependencies name.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode, canSave, saving, conflict, acting, base, draft]);

  // Leaving the page with unsaved edits: save what can be saved, and let the browser warn.
  const pending = useRef<(() => void) | null>(null);
  useLayoutEffect(() => {
    pending.current =
      mode === 'edit' && canSave && !saving && !conflict
        ? () =>
            void saveRecord(base.id, base.revision, {
              ...draft.info,
              content: normalizeContent(def, draft.content, author),
            }).catch(() => undefined)
        : null;
  });
  useEffect(() => () => pending.current?.(), []);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  function setField(key: string, value: unknown) {
    setDraft((old) => ({ ...old, content: { ...old.content, [key]: value } }));
  }

  function scrollToFirstProblem(issues: ContentIssue[]) {
    const keys = new Set(issues.map((i) => i.field));
    const first = allFields(def).find((f) => keys.has(f.key));
    const target = !infoValid
      ? document.getElementById('record-info')
      : first
        ? document.getElementById(`field-${first.key}`)
        : null;
    target?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }

  async function save() {
    if (blockingIssues.length > 0 || !infoValid) {
      scrollToFirstProblem(blockingIssues);
      void message.error(t('record.fixBeforeSave'));
      return;
    }
    const result = await persist(base, draft);
    if (result) void message.success(t('record.saved'));
  }

  async function submit() {
    const issues = checkDraft(def, draft.content, 'interviewer', true);
    if (issues.length > 0 || !infoValid) {
      setShowRequired(true);
      scrollToFirstProblem(issues);
      void message.error(
        t('record.missingFields', { count: issues.length + Object.keys(infoErrors).length }),
      );
      return;
    }
    setActing('submit');
    try {
      let current: RecordView | null = base;
      if (dirty) current = await persist(base, draft);
      if (!current) return;
      adopt(await submitRecord(current.id, current.revision));
      setShowRequired(false);
      void message.success(t('record.submitted'));
    } catch (error) {
      if (await handleStale(error)) return;
      if (isApiError(error, 'CONTENT_INVALID')) {
        const issues = contentIssuesOf(error.details);
        setServerIssues(issues);
        setShowRequired(true);
        scrollToFirstProblem(issues);
      }
      void message.error((error as Error).message);
    } finally {
      setActing(null);
    }
  }

  async function withdraw() {
    setActing('withdraw');
    try {
      adopt(await withdrawRecord(base.id, base.revision));
      void message.success(t('record.withdrawn'));
    } catch (error) {
      if (!(await handleStale(error))) void message.error((error as Error).message);
    } finally {
      setActing(null);
    }
  }

  async function saveFeedbackNow() {
    if (blockingIssues.length > 0) {
      scrollToFirstProblem(blockingIssues);
      void message.error(t('record.fixBeforeSave'));
      return;
    }
    const result = await persist(base, draft);
    if (result) void message.success(t('record.feedbackSaved'));
  }

  async function sendBack() {
    const comment = returnComment.trim();
    if (!comment) return;
    if (dirty && blockingIssues.length > 0) {
      void message.error(t('record.fixBeforeSave'));
      return;
    }
    setActing('return');
    try {
      let current: RecordView | null = base;
      if (dirty) current = await persist(base, draft);
      if (!current) return;
      adopt(await returnRecord(current.id, current.revision, comment));
      setReturnOpen(false);
      setReturnComment('');
      void message.success(t('record.returned'));
    } catch (error) {
      if (!(await handleStale(error))) void message.error((error as Error).message);
    } finally {
      setActing(null);
    }
  }

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
    setDraft(draftOf(conflict, modeOf(conflict) === 'feedback' ? 'employee' : 'interviewer'));
    setConflict(null);
    setSaveError(null);
    setSavedAt(null);
  }

  const busy = saving || acting !== null;
  const isInterviewer = user.employeeId === base.interviewer.id;
  // The employee may always know who read its record; so may those who read all of it.
  const canSeeViewers = user.employeeId === base.employee.id || base.audience === 'full';
  const actions = base.abilities.actions;

  const infoItems: DescriptionsProps['items'] = [
    {
      key: 'employee',
      label: t('record.info.employee'),
      children: (
        <span>
          <Link to={profilePath(base.employee.id)}>{base.employee.name}</Link>{' '}
          <span className="muted">({base.employee.employeeNo})</span>
        </span>
      ),
    },
    {
      key: 'department',
      label: t('record.info.department'),
      children: [base.employee.departmentName, base.employee.positionName]
        .filter(Boolean)
        .join(' · '),
    },
    { key: 'interviewer', label: t('record.info.interviewer'), children: base.interviewer.name },
    {
      key: 'template',
      label: t('record.info.template'),
      children: (
        <Link to={templatePath(base.template.id, base.template.version)}>
          {localized(base.template.name, language)} · v{base.template.version}
        </Link>
      ),
    },
  ];
  if (mode !== 'edit') {
    infoItems.push(
      { key: 'topic', label: t('record.info.topic'), children: base.topic },
      {
        key: 'interviewAt',
        label: t('record.info.interviewAt'),
        children: formatDateTimeShort(base.interviewAt, language),
      },
      {
        key: 'place',
        label: t('record.info.place'),
        children: `${base.placeKind === 'online' ? t('record.online') : t('record.room')} · ${base.place}`,
      },
      {
        key: 'participants',
        label: t('record.info.participantIds'),
        children:
          base.participants.length > 0
            ? base.participants.map((p) => p.name).join(language === 'en-US' ? ', ' : '、')
            : t('common.none'),
      },
    );
  }
  if (base.submittedAt) {
    infoItems.push({
      key: 'submittedAt',
      label: t('record.info.submittedAt'),
      children: formatDateTimeShort(base.submittedAt, language),
    });
  }

  function autosaveStatus() {
    if (saving) return <span className="muted">{t('record.autosave.saving')}</span>;
    if (saveError)
      return (
        <span className="text-error">{t('record.autosave.failed', { message: saveError })}</span>
      );
    if (dirty && (!canSave || mode === 'feedback'))
      return (
        <span className="text-warning">
          {canSave ? t('record.autosave.unsaved') : t('record.autosave.fixToSave')}
        </span>
      );
    if (dirty) return <span className="muted">{t('record.autosave.unsaved')}</span>;
    if (savedAt)
      return (
        <span className="muted">
          {t('record.autosave.savedAt', { time: formatTime(savedAt, language) })}
        </span>
      );
    return <span className="muted">{t('record.autosave.upToDate')}</span>;
  }

  const valueOf = (field: FieldDef) =>
    editable(field)
      ? draft.content[field.key]
      : field.filledBy === 'employee'
        ? base.employeeContent[field.key]
        : base.content[field.key];
  function editable(field: FieldDef) {
    return (
      (mode === 'edit' && field.filledBy === 'interviewer') ||
      (mode === 'feedback' && field.filledBy === 'employee')
    );
  }

  const content = (
    <>
      {base.returnComment && base.state === 'draft' && (
        <Alert
          className="section return-alert"
          type="warning"
          showIcon
          data-testid="return-comment-alert"
          title={t('record.returnCommentTitle')}
          description={<div className="text-value">{base.returnComment}</div>}
        />
      )}
      {mode === 'feedback' && (
        <Alert className="section" type="info" showIcon title={t('record.feedbackIntro')} />
      )}
      {serverIssues.length > 0 && (
        <Alert
          className="section"
          type="error"
          showIcon
          title={t('record.serverIssues')}
          description={
            <ul className="list-value">
              {serverIssues.map((issue) => (
                <li key={`${issue.field}-${issue.code}`}>
                  {issue.field}: {issue.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Card className="section" title={t('record.basicInfo')}>
        <Descriptions items={infoItems} column={{ xs: 1, sm: 1, md: 2 }} />
        {mode === 'edit' && (
          <RecordInfoForm
            info={draft.info}
            onChange={(patch) => setDraft((old) => ({ ...old, info: { ...old.info, ...patch } }))}
            participants={base.participants}
            onLabels={(more) => setLabels((old) => ({ ...old, ...more }))}
            errors={infoErrors}
          />
        )}
      </Card>
      <RecordSections
        definition={def}
        audience={base.audience}
        valueOf={valueOf}
        editable={editable}
        onChange={setField}
        errors={errors}
      />
      {isInterviewer && <PrivateNotePanel recordId={base.id} />}
    </>
  );

  return (
    <div className="record-page">
      <div className="page-heading record-heading">
        <div className="record-title">
          <Typography.Title level={3} data-testid="record-title">
            {base.topic}
          </Typography.Title>
          <RecordStateTag state={base.state} testId="record-state" />
        </div>
        <div className="record-actions">
          {mode !== 'read' && (
            <span className="autosave-status" data-testid="autosave-status" aria-live="polite">
              {autosaveStatus()}
            </span>
          )}
          {actions.includes('edit') && (
            <Button
              data-testid="record-save"
              onClick={() => void save()}
              disabled={!dirty || busy}
              loading={saving && !acting}
            >
              {t('common.save')}
            </Button>
          )}
          {actions.includes('submit') && (
            <Button
              type="primary"
              data-testid="record-submit"
              onClick={() => void submit()}
              disabled={busy}
              loading={acting === 'submit'}
            >
              {t('record.submit')}
            </Button>
          )}
          {actions.includes('withdraw') && (
            <Popconfirm
              title={t('record.withdrawConfirm')}
              okText={t('record.withdraw')}
              cancelText={t('common.cancel')}
              onConfirm={() => void withdraw()}
            >
              <Button data-testid="record-withdraw" loading={acting === 'withdraw'} disabled={busy}>
                {t('record.withdraw')}
              </Button>
            </Popconfirm>
          )}
          {actions.includes('feedback') && (
            <Button
              type="primary"
              data-testid="record-feedback-save"
              onClick={() => void saveFeedbackNow()}
              disabled={!dirty || busy}
              loading={saving && !acting}
            >
              {t('record.feedbackSave')}
            </Button>
          )}
          {actions.includes('return') && (
            <Button
              danger
              data-testid="record-return"
              disabled={busy}
              onClick={() => setReturnOpen(true)}
            >
              {t('record.return')}
            </Button>
          )}
        </div>
      </div>
      {!isInterviewer && base.state === 'draft' && base.audience === 'restricted' && (
        <Alert className="form-alert" type="info" showIcon title={t('record.returnedNote')} />
      )}
      <Tabs
        className="record-tabs"
        items={[
          { key: 'content', label: t('record.tabs.content'), children: content },
          {
            key: 'comments',
            label: <span data-testid="comments-tab">{t('comments.title')}</span>,
            children: <CommentsPanel recordId={base.id} />,
          },
          {
            key: 'history',
            label: <span data-testid="history-tab">{t('record.tabs.history')}</span>,
            children: <HistoryList view={base} nameOf={nameOf} />,
          },
          ...(canSeeViewers
            ? [
                {
                  key: 'viewers',
                  label: (
                    <span data-testid="viewers-tab">
                      {user.employeeId === base.employee.id
                        ? t('viewers.title')
                        : t('viewers.titleOthers')}
                    </span>
                  ),
                  children: <ViewersPanel recordId={base.id} />,
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={returnOpen}
        title={t('record.returnTitle')}
        okText={t('record.returnSend')}
        cancelText={t('common.cancel')}
        okButtonProps={{
          danger: true,
          disabled: !returnComment.trim(),
          loading: acting === 'return',
          ...RETURN_SEND_TEST_ID,
        }}
        onOk={() => void sendBack()}
        onCancel={() => setReturnOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('record.returnHint')}</Typography.Paragraph>
        <Input.TextArea
          data-testid="return-comment"
          aria-label={t('record.returnTitle')}
          value={returnComment}
          onChange={(event) => setReturnComment(event.target.value)}
          rows={4}
          className="auto-grow"
          maxLength={RECORD_LIMITS.returnComment}
          showCount
        />
      </Modal>
      {conflict && (
        <ConflictDialog
          open
          definition={def}
          base={baseFlat}
          mine={mineFlat}
          theirs={flatten(def, draftOf(conflict, author), author)}
          theirsRevision={conflict.revision}
          theirsUpdatedAt={conflict.updatedAt}
          canKeepMine={conflict.abilities.actions.includes(
            mode === 'feedback' ? 'feedback' : 'edit',
          )}
          nameOf={nameOf}
          onKeepMine={keepMine}
          onTakeTheirs={takeTheirs}
        />
      )}
    </div>
  );
}
