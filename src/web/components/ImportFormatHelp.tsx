import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  importColumns,
  type DepartmentColumn,
  type EmployeeColumn,
  type ImportColumn,
  type SheetKind,
} from '../../core/import.js';
import type { Messages } from '../i18n/zh-CN.js';

type FieldKey = keyof Messages['import']['fields'];

/** What each of the core's import columns holds, in words: every column has one. */
const MEANINGS: {
  departments: Record<DepartmentColumn, FieldKey>;
  employees: Record<EmployeeColumn, FieldKey>;
} = {
  departments: {
    code: 'departmentCode',
    name: 'departmentName',
    name_en: 'departmentNameEn',
    region: 'region',
    parent_code: 'parentCode',
  },
  employees: {
    employee_no: 'employeeNo',
    name: 'employeeName',
    email: 'email',
    phone: 'phone',
    department_code: 'employeeDepartment',
    position: 'position',
    manager_no: 'managerNo',
    hire_date: 'hireDate',
    status: 'status',
  },
};

interface Row extends ImportColumn {
  name: string;
  meaning: FieldKey;
}

function rowsOf(kind: SheetKind): Row[] {
  const meanings: Record<string, FieldKey> = MEANINGS[kind];
  return importColumns(kind).map(([name, column]) => ({
    name,
    ...column,
    meaning: meanings[name]!,
  }));
}

/** The columns an import file must have, so a user can prepare one without asking anybody. */
export function ImportFormatHelp() {
  const { t } = useTranslation();
  const columns: TableColumnsType<Row> = [
    {
      title: t('import.header'),
      key: 'header',
      // the headers are the file's literal column names, so they are not translated
      render: (_, c) => <Typography.Text code>{c.headers.join(' / ')}</Typography.Text>,
    },
    {
      title: t('import.meaning'),
      key: 'meaning',
      render: (_, c) => (
        <>
          {t(`import.fields.${c.meaning}`)}{' '}
          {c.required && <Tag color="orange">{t('import.required')}</Tag>}
        </>
      ),
    },
  ];

  return (
    <>
      {(['departments', 'employees'] as const).map((kind, index) => (
        <div key={kind} data-testid={`import-columns-${kind}`}>
          <Typography.Title level={5} className={index > 0 ? 'section-title' : undefined}>
            {t(kind === 'departments' ? 'import.departmentsSheet' : 'import.employeesSheet')}
          </Typography.Title>
          <Table
            rowKey="name"
            size="small"
            columns={columns}
            dataSource={rowsOf(kind)}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </div>
      ))}
    </>
  );
}
