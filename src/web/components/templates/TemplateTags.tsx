import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TemplateSummary } from '../../../core/templates/api.js';

/** Built-in or custom, active or retired. */
export function TemplateTags({ template }: { template: TemplateSummary }) {
  const { t } = useTranslation();
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
    </div>
  );
}
