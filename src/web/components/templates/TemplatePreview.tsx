import { Alert } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Content } from '../../../core/templates/content.js';
import type { TemplateDefinition } from '../../../core/templates/model.js';
import { RecordSections } from '../records/RecordSections.js';

/** The form a record of this template shows, to try out: nothing typed here is saved. */
export function TemplatePreview({ definition }: { definition: TemplateDefinition }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Content>({});
  return (
    <div data-testid="template-preview">
      <Alert className="section" type="info" showIcon title={t('templates.previewNote')} />
      <RecordSections
        definition={definition}
        valueOf={(field) => values[field.key]}
        editable={() => true}
        onChange={(key, value) => setValues((old) => ({ ...old, [key]: value }))}
        errors={{}}
      />
    </div>
  );
}
