import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Input, Row, Spin, Typography } from 'antd';
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
import { FieldEditor } from '../components/templates/FieldEditor.js';
import { LocalizedInput } from '../components/templates/LocalizedInput.js';
import { localized } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { issueText } from '../issues.js';
import { templatePath } from '../paths.js';
import {
  allFieldKeys,
  emptyState,
  freshKey,
  move,
  newField,
  newSection,
  serverIssue,
  stateOf,
  validate,
  type BuilderIssue,
  type BuilderState,
  type SectionDraft,
} from '../templates/builder.js';

const PROPS = [
  'name',
  'description',
  'title',
  'label',
  'hint',
  'key',
  'zh',
  'en',
  'scale',
  'options',
  'skills',
  'value',
  'levels',
  'anchors',
  'min',
  'max',
  'maxLength',
  'managerOnly',
] as const;

function isProp(segment: string): segment is (typeof PROPS)[number] {
  return (PROPS as readonly string[]).includes(segment);
}

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

interface Problem {
  issues: BuilderIssue[];
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
  const [baseVersion, setBaseVersion] = useState(existing?.version ?? 0);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [newerVersion, setNewerVersion] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  const setSection = (index: number, section: SectionDraft) =>
    setState((old) => ({
      ...old,
      sections: old.sections.map((s, i) => (i === index ? section : s)),
    }));

  async function save(onTopOf = baseVersion) {
    setError(null);
    setProblem(null);
    const checked = validate(state);
    if (!checked.ok) {
      setProblem({ issues: checked.issues });
      window.scrollTo({ top: 0, behavior: 'smooth' });
      return;
    }
    setSaving(true);
    try {
      const saved = existing
        ? await updateTemplate(existing.id, { ...checked.input, baseVersion: onTopOf })
        : await createTemplate(checked.input);
      await queryClient.invalidateQueries({ queryKey: templatesKey });
      void message.success(t('builder.saved', { version: String(saved.version) }));
      void navigate(templatePath(saved.id));
    } catch (e) {
      if (isApiError(e, 'PRECONDITION_FAILED')) {
        const current = (e.details as { currentVersion?: number } | null)?.currentVersion;
        setNewerVersion(current ?? baseVersion + 1);
      } else if (isApiError(e, 'VALIDATION')) {
        const issues = (e.details as { issues?: ValidationIssue[] } | null)?.issues;
        setProblem({ issues: (issues ?? []).map(serverIssue) });
        setError(e.message);
      } else {
        setError((e as Error).message);
      }
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

  /** A path of the schema as the user knows it: section 2 › field 3 (its label) › label (EN). */
  function describe(path: (string | number)[]): string {
    const parts: string[] = [];
    let section: SectionDraft | undefined;
    for (let i = 0; i < path.length; i += 1) {
      const segment = path[i];
      const next = path[i + 1];
      if (segment === 'definition') continue;
      if (segment === 'sections' && typeof next === 'number') {
        section = state.sections[next];
        const title = section ? localized(section.title, language) : '';
        parts.push(
          t('builder.path.section', { n: String(next + 1) }) + (title ? ` (${title})` : ''),
        );
        i += 1;
      } else if (segment === 'fields' && typeof next === 'number') {
        const field = section?.fields[next];
        const label = field ? localized(field.label, language) || field.key : '';
        parts.push(t('builder.path.field', { n: String(next + 1) }) + (label ? ` (${label})` : ''));
        i += 1;
      } else if (typeof segment === 'number') {
        parts.push(t('builder.path.item', { n: String(segment + 1) }));
      } else if (segment !== undefined) {
        parts.push(isProp(segment) ? t(`builder.prop.${segment}`) : segment);
      }
    }
    return parts.join(' › ') || t('builder.path.template');
  }

  /** A key's form is the one rule of the builder worth its own words. */
  function issueWords(issue: BuilderIssue): string {
    return issue.code === 'bad_format' && issue.path.at(-1) === 'key'
      ? t('builder.issue.key')
      : issueText(t, issue);
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
      {error && !problem && <Alert className="form-alert" type="error" showIcon title={error} />}
      {problem && (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          data-testid="template-issues"
          title={t('builder.invalid', { count: problem.issues.length })}
          description={
            <ul className="list-value">
              {problem.issues.map((issue, i) => (
                <li key={i}>
                  <strong>{describe(issue.path)}</strong>: {issueWords(issue)}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Card className="section" title={t('builder.basics')}>
        <LocalizedInput
          label={t('builder.name')}
          value={state.name}
          required
          testId="template-name"
          onChange={(name) => setState((old) => ({ ...old, name }))}
        />
        <div className="section">
          <LocalizedInput
            label={t('builder.description')}
            value={state.description}
            multiline
            testId="template-description"
            onChange={(description) => setState((old) => ({ ...old, description }))}
          />
        </div>
      </Card>
      {state.sections.map((section, index) => (
        <Card
          key={section.uid}
          className="section builder-section"
          data-testid="builder-section"
          title={t('builder.sectionN', { n: String(index + 1) })}
          extra={
            <div className="builder-buttons">
              <Button
                type="text"
                size="small"
                icon={<ArrowUpOutlined />}
                aria-label={t('common.moveUp')}
                disabled={index === 0}
                onClick={() =>
                  setState((old) => ({ ...old, sections: move(old.sections, index, -1) }))
                }
              />
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={t('common.moveDown')}
                disabled={index === state.sections.length - 1}
                onClick={() =>
                  setState((old) => ({ ...old, sections: move(old.sections, index, 1) }))
                }
              />
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('builder.removeSection')}
                disabled={state.sections.length === 1}
                onClick={() =>
                  setState((old) => ({
                    ...old,
                    sections: old.sections.filter((_, i) => i !== index),
                  }))
                }
              />
            </div>
          }
        >
          <Row gutter={[12, 12]}>
            <Col xs={24} md={8}>
              <div className="stacked-label">
                <span>{t('builder.sectionKey')}</span>
                <Input
                  value={section.key}
                  maxLength={LIMITS.key}
                  onChange={(event) => setSection(index, { ...section, key: event.target.value })}
                />
              </div>
            </Col>
            <Col xs={24}>
              <LocalizedInput
                label={t('builder.sectionTitle')}
                value={section.title}
                required
                testId="builder-section-title"
                onChange={(value) => setSection(index, { ...section, title: value })}
              />
            </Col>
            <Col xs={24}>
              <LocalizedInput
                label={t('builder.hint')}
                value={section.hint}
                onChange={(value) => setSection(index, { ...section, hint: value })}
              />
            </Col>
          </Row>
          <div className="builder-fields">
            {section.fields.map((field, f) => (
              <FieldEditor
                key={field.uid}
                field={field}
                index={f}
                count={section.fields.length}
                onChange={(next) =>
                  setSection(index, {
                    ...section,
                    fields: section.fields.map((x, i) => (i === f ? next : x)),
                  })
                }
                onMove={(by) =>
                  setSection(index, { ...section, fields: move(section.fields, f, by) })
                }
                onRemove={() =>
                  setSection(index, {
                    ...section,
                    fields: section.fields.filter((_, i) => i !== f),
                  })
                }
              />
            ))}
          </div>
          <Button
            icon={<PlusOutlined />}
            data-testid="builder-add-field"
            disabled={section.fields.length >= LIMITS.fieldsPerSection}
            onClick={() =>
              setSection(index, {
                ...section,
                fields: [...section.fields, newField(freshKey('field', allFieldKeys(state)))],
              })
            }
          >
            {t('builder.addField')}
          </Button>
        </Card>
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
