import { Descriptions, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../core/import.js';

export function ImportSummary({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const counts = (c: ImportResult['departments']) =>
    `${t('import.created', { count: c.created })}, ${t('import.updated', { count: c.updated })}`;
  return (
    <Result
      status="success"
      title={t('import.successTitle')}
      data-testid="import-result"
      extra={
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            { key: 'format', label: t('import.format'), children: result.format.toUpperCase() },
            {
              key: 'departments',
              label: t('import.departments'),
              children: counts(result.departments),
            },
            { key: 'employees', label: t('import.employees'), children: counts(result.employees) },
          ]}
        />
      }
    />
  );
}
