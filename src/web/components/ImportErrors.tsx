import { Alert, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportError } from '../../core/import.js';

/** Every problem the server found in the file, where it is, and that nothing was written. */
export function ImportErrors({ problems }: { problems: ImportError[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ImportError> = [
    {
      title: t('import.where'),
      key: 'where',
      // a CSV file has no sheets: its rows are enough
      render: (_, p) =>
        p.sheet === null
          ? t('import.atRow', { row: String(p.row) })
          : t('import.atSheetRow', { sheet: p.sheet, row: String(p.row) }),
    },
    { title: t('import.column'), dataIndex: 'column' },
    {
      title: t('import.value'),
      dataIndex: 'value',
      render: (value: string | null) => value ?? '',
    },
    { title: t('import.reason'), dataIndex: 'reason' },
  ];
  return (
    <div data-testid="import-errors" className="section">
      <Alert
        className="form-alert"
        type="error"
        showIcon
        title={t('import.errorsTitle', { count: problems.length })}
        description={t('import.nothingWritten')}
      />
      <Table<ImportError>
        rowKey={(p) => `${p.sheet}|${p.row}|${p.column}|${p.reason}`}
        size="small"
        columns={columns}
        dataSource={problems}
        pagination={problems.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}
