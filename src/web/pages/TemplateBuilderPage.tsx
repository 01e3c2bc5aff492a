import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Spin, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { ValidationIssue } from '../../core/issues.js';
import type { TemplateDetail } from '../../core/templates/api.js';
import { LIMITS } from '../../core/templates/model.js';
import { isApiError } from '../api/client.js';
import {
  createTemplate,
  fetchTemplate,
  templatesKey,
  updateTemplate,
  useTemplate,
} from '../api/templates.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { NotFoundResult } from '../components/NotFoundResult.js';
import { BuilderIssues } from '../components/templates/BuilderIssues.js';
import { LocalizedInput } from '../components/templates/LocalizedInput.js';
import { SectionEditor } from '../components/templates/SectionEditor.js';
import { localized } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { templatePath } from '../paths.js';
import {
  allFieldKeys,
  domIdOf,
  emptyState,
  freshKey,
  isKeyIssue,
  moveTo,
  newSection,
  serverIssue,
  stateOf,
  validate,
  type BuilderIssue,
  type BuilderState,
  type SectionDraft,
} from '../templates/builder.js';
import { useDragReorder } from '../templates/useDragReorder.js';
import { useUnsavedInput } from '../hooks/useUnsavedInput.js';

/** `/templates/new` and `/templates/:id/edit`. */
export function TemplateBuilderPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const template = useTemplate(id ?? '');
  if (!id) return <TemplateBuilder key="new" />;
  if (template.isPending) return <Spin size="large" className="page-spin" />;
  if (isApiError(template.error, 'NOT_FOUND')) {
    return <NotFoundResult subtitle={t('notFound.template')} />;
  }
  if (template.isError) {
    return <ErrorResult error={template.error} onRetry={() => void template.refetch()} />;
  }
  // built-in, retired or owned beyond the user's scope: the template's page says why
  if (!template.data.abilities.edit) return <Navigate to={templatePath(id)} replace />;
  return <TemplateBuilder key={`${id}-${template.data.version}`} existing={template.data} />;
}

function TemplateBuilder({ existing }: { existing?: TemplateDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [state, setState] = useState<BuilderState>(() =>
    existing ? stateOf(existing) : emptyState(),
  );
  const [untouched] = useState(state);
  const releaseUnsaved = useUnsavedInput(state !== untouched);
  const [baseVersion, setBaseVersion] = useState(existing?.version ?? 0);
  const [issues, setIssues] = useState<BuilderIssue[] | null>(null);
  // keys are generated (section1, field1…) and stay out of sight unless asked for or in error
  const [showKeys, setShowKeys] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [newerVersion, setNewerVersion] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  const setSection = (index: number, section: SectionDraft) =>
    setState((old) => ({
      ...old,
      sections: old.sections.map((s, i) => (i === index ? section : s)),
    }));
  const moveSection = (from: number, to: number) =>
    setState((old) => ({ ...old, sections: moveTo(old.sections, from, to) }));
  const sectionDrag = useDragReorder(moveSection);

  const showIssues = (found: BuilderIssue[]) => {
    setIssues(found);
    if (found.some(isKeyIssue)) setShowKeys(true);
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  async function save(onTopOf = baseVersion) {
    setError(null);
    setIssues(null);
    const checked = validate(state);
    if (!checked.ok) {
      showIssues(checked.issues);
      return;
    }
    setSaving(true);
    try {
      const saved = existing
        ? await updateTemplate(existing.id, { ...checked.input, baseVersion: onTopOf })
        : await createTemplate(checked.input);
      await queryClient.invalidateQueries({ queryKey: templatesKey });
      void message.success(t('builder.saved', { version: String(saved.version) }));
      releaseUnsaved();
      void navigate(templatePath(saved.id));
    } catch (e) {
      if (isApiError(e, 'PRECONDITION_FAILED')) {
        const current = (e.details as { currentVersion?: number } | null)?.currentVersion;
        setNewerVersion(current ?? baseVersion + 1);
      } else if (isApiError(e, 'VALIDATION')) {
        const found = (e.details as { issues?: ValidationIssue[] } | null)?.issues;
        setError(e.message);
        showIssues((found ?? []).map(serverIssue));
        return;
      }
      setError((e as Error).message);
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setSaving(false);
    }
  }

  async function loadLatest() {
    if (!existing) return;
    try {
      const latest = await fetchTemplate(existing.id);
      setState(stateOf(latest));
      setBaseVersion(latest.version);
      setNewerVersion(null);
      queryClient.setQueryData([...templatesKey, 'detail', existing.id, 'current'], latest);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function saveOnTop() {
    if (newerVersion === null) return;
    setBaseVersion(newerVersion);
    setNewerVersion(null);
    await save(newerVersion);
  }

  const title = existing
    ? t('builder.titleEdit', { name: localized(existing.name, language) })
    : t('builder.titleNew');

  return (
    <div className="builder">
      <div className="page-heading">
        <Typography.Title level={3}>{title}</Typography.Title>
        <div className="builder-buttons">
          {existing && (
            <Link to={templatePath(existing.id)}>
              <Button>{t('common.cancel')}</Button>
            </Link>
          )}
          <Button
            type="primary"
            data-testid="template-builder-save"
            loading={saving}
            onClick={() => void save()}
          >
            {existing ? t('builder.saveVersion') : t('builder.create')}
          </Button>
        </div>
      </div>
      {existing && (
        <Typography.Paragraph type="secondary">
          {t('builder.versionNote', { version: String(baseVersion) })}
        </Typography.Paragraph>
      )}
      {newerVersion !== null && (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          data-testid="template-conflict"
          title={t('builder.conflictTitle', { version: String(newerVersion) })}
          description={
            <div>
              <p>{t('builder.conflictBody')}</p>
              <div className="builder-buttons">
                <Button onClick={() => void loadLatest()}>{t('builder.loadLatest')}</Button>
                <Button danger onClick={() => void saveOnTop()}>
                  {t('builder.saveOnTop')}
                </Button>
              </div>
            </div>
          }
        />
      )}
      {error && !issues && <Alert className="form-alert" type="error" showIcon title={error} />}
      {issues && <BuilderIssues issues={issues} sections={state.sections} />}
      <Card
        className="section"
        title={t('builder.basics')}
        extra={
          <label className="builder-keys-switch">
            <Switch
              size="small"
              checked={showKeys}
              onChange={setShowKeys}
              data-testid="builder-show-keys"
            />
            {t('builder.showKeys')}
          </label>
        }
      >
        <LocalizedInput
          label={t('builder.name')}
          value={state.name}
          idBase={domIdOf(['name'])}
          required
          testId="template-name"
          onChange={(name) => setState((old) => ({ ...old, name }))}
        />
        <div className="section">
          <LocalizedInput
            label={t('builder.description')}
            value={state.description}
            idBase={domIdOf(['description'])}
            multiline
            testId="template-description"
            onChange={(description) => setState((old) => ({ ...old, description }))}
          />
        </div>
      </Card>
      {state.sections.map((section, index) => (
        <SectionEditor
          key={section.uid}
          section={section}
          index={index}
          count={state.sections.length}
          showKeys={showKeys}
          fieldKeys={allFieldKeys(state)}
          onChange={(next) => setSection(index, next)}
          onMove={(to) => moveSection(index, to)}
          onRemove={() =>
            setState((old) => ({ ...old, sections: old.sections.filter((_, i) => i !== index) }))
          }
          handle={sectionDrag.handleProps(index)}
          dropProps={sectionDrag.targetProps(index)}
          dropTarget={sectionDrag.isDropTarget(index)}
        />
      ))}
      <div className="section">
        <Button
          icon={<PlusOutlined />}
          data-testid="builder-add-section"
          disabled={state.sections.length >= LIMITS.sections}
          onClick={() =>
            setState((old) => ({
              ...old,
              sections: [
                ...old.sections,
                newSection(
                  freshKey(
                    'section',
                    old.sections.map((s) => s.key),
                  ),
                  freshKey('field', allFieldKeys(old)),
                ),
              ],
            }))
          }
        >
          {t('builder.addSection')}
        </Button>
      </div>
    </div>
  );
}
