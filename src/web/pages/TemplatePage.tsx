import { CopyOutlined, EditOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Select, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../api/client.js';
import { copyTemplate, setTemplateStatus, templatesKey, useTemplate } from '../api/templates.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { NotFoundResult } from '../components/NotFoundResult.js';
import { TemplatePreview } from '../components/templates/TemplatePreview.js';
import { TemplateTags } from '../components/templates/TemplateTags.js';
import { formatDateTimeShort, localized } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { templateEditPath, templatePath } from '../paths.js';

export function TemplatePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('version'));
  const version = Number.isInteger(asked) && asked > 0 ? asked : undefined;
  const template = useTemplate(id, version);

  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: templatesKey });
  };
  const fail = (error: Error) => void message.error(error.message);
  const copy = useMutation({
    mutationFn: () => copyTemplate(id),
    onSuccess: async (created) => {
      await done();
      void message.success(t('templates.copied'));
      void navigate(templatePath(created.id));
    },
    onError: fail,
  });
  const status = useMutation({
    mutationFn: (next: 'active' | 'retired') => setTemplateStatus(id, next),
    onSuccess: async (_, next) => {
      await done();
      void message.success(next === 'retired' ? t('templates.retired') : t('templates.restored'));
    },
    onError: fail,
  });

  if (template.isPending) return <Spin size="large" className="page-spin" />;
  if (isApiError(template.error, 'NOT_FOUND')) {
    return <NotFoundResult subtitle={t('notFound.template')} />;
  }
  if (template.isError) {
    return <ErrorResult error={template.error} onRetry={() => void template.refetch()} />;
  }

  const d = template.data;
  const latest = d.version === d.currentVersion;
  const can = d.abilities;
  const managed = can.edit || can.retire || can.restore;
  const versions = Array.from({ length: d.currentVersion }, (_, i) => d.currentVersion - i);

  return (
    <>
      <div className="page-heading">
        <div className="record-title">
          <Typography.Title level={3} data-testid="template-title">
            {localized(d.name, language)}
          </Typography.Title>
          <TemplateTags template={d} />
        </div>
        {(managed || can.copy) && (
          <div className="builder-buttons">
            {can.edit && (
              <Link to={templateEditPath(d.id)}>
                <Button type="primary" icon={<EditOutlined />} data-testid="template-edit">
                  {t('templates.edit')}
                </Button>
              </Link>
            )}
            {can.copy && (
              <Button
                icon={<CopyOutlined />}
                data-testid="template-copy"
                loading={copy.isPending}
                onClick={() => copy.mutate()}
              >
                {t('templates.copy')}
              </Button>
            )}
            {can.retire && (
              <Popconfirm
                title={t('templates.retireConfirm')}
                okText={t('templates.retire')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => status.mutate('retired')}
              >
                <Button
                  danger
                  icon={<StopOutlined />}
                  data-testid="template-retire"
                  loading={status.isPending}
                >
                  {t('templates.retire')}
                </Button>
              </Popconfirm>
            )}
            {can.restore && (
              <Button
                icon={<UndoOutlined />}
                data-testid="template-restore"
                loading={status.isPending}
                onClick={() => status.mutate('active')}
              >
                {t('templates.restore')}
              </Button>
            )}
          </div>
        )}
      </div>
      {localized(d.description, language) && (
        <Typography.Paragraph>{localized(d.description, language)}</Typography.Paragraph>
      )}
      <div className="template-meta">
        <span className="muted">{t('templates.versionLabel')}</span>
        <Select<number>
          className="version-select"
          data-testid="template-version"
          value={d.version}
          options={versions.map((v) => ({
            value: v,
            label:
              v === d.currentVersion
                ? t('templates.currentVersion', { version: String(v) })
                : `v${v}`,
          }))}
          onChange={(v) =>
            setParams(v === d.currentVersion ? {} : { version: String(v) }, { replace: true })
          }
        />
        <span className="muted">
          {t('templates.updatedAtLabel', { time: formatDateTimeShort(d.updatedAt, language) })}
        </span>
      </div>
      {can.copy && d.builtin && (
        <Alert className="section" type="info" showIcon title={t('templates.builtinNote')} />
      )}
      {can.copy && !d.builtin && !managed && (
        <Alert
          className="section"
          type="info"
          showIcon
          title={t('templates.outOfScopeNote')}
          data-testid="template-out-of-scope"
        />
      )}
      {!latest && (
        <Alert
          className="section"
          type="warning"
          showIcon
          title={t('templates.oldVersion', { version: String(d.version) })}
        />
      )}
      <TemplatePreview key={`${d.id}-${d.version}`} definition={d.definition} />
    </>
  );
}
