import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TemplateListItem } from '../../../core/templates/api.js';
import { useScopeName } from '../GrantTags.js';

/** Built-in or custom, active or retired, and the part of the organisation it belongs to. */
export function TemplateTags({ template }: { template: TemplateListItem }) {
  const { t } = useTranslation();
  const scopeName = useScopeName();
  const { kind, id } = template.owner;
  const owner = scopeName({
    scopeKind: kind,
    regionId: kind === 'region' ? id : null,
    departmentId: kind === 'department' ? id : null,
  });
  return (
    <div className="tag-list">
      {template.builtin ? (
        <Tag color="gold" data-testid="template-builtin">
          {t('templates.builtin')}
        </Tag>
      ) : (
        <Tag color="blue">{t('templates.custom')}</Tag>
      )}
      <Tag color={template.status === 'active' ? 'green' : 'default'} data-testid="template-status">
        {t(`templates.status.${template.status}`)}
      </Tag>
      <Tag data-testid="template-owner">{t('templates.owner', { scope: owner })}</Tag>
    </div>
  );
}
