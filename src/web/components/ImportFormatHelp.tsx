import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Messages } from '../i18n/zh-CN.js';

type FieldKey = keyof Messages['import']['fields'];

interface Column {
  zh: string;
  en: string;
  field: FieldKey;
  required: boolean;
}

// The headers are the file's literal column names, so they are not translated.
const DEPARTMENT_COLUMNS: Column[] = [
  { zh: '部门编码', en: 'code', field: 'departmentCode', required: true },
  { zh: '部门名称', en: 'name', field: 'departmentName', required: true },
  { zh: '区域', en: 'region', field: 'region', required: true },
  { zh: '上级部门编码', en: 'parent_code', field: 'parentCode', required: false },
];

const EMPLOYEE_COLUMNS: Column[] = [
  { zh: '工号', en: 'employee_no', field: 'employeeNo', required: true },
  { zh: '姓名', en: 'name', field: 'employeeName', required: true },
  { zh: '邮箱', en: 'email', field: 'email', required: false },
  { zh: '手机', en: 'phone', field: 'phone', required: false },
  { zh: '部门编码', en: 'department_code', field: 'employeeDepartment', required: true },
  { zh: '职位', en: 'position', field: 'position', required: false },
  { zh: '上级工号', en: 'manager_no', field: 'managerNo', required: false },
  { zh: '入职日期', en: 'hire_date', field: 'hireDate', required: false },
  { zh: '状态', en: 'status', field: 'status', required: false },
];

/** The columns an import file must have, so a user can prepare one without asking anybody. */
export function ImportFormatHelp() {
  const { t } = useTranslation();
  const columns: TableColumnsType<Column> = [
    {
      title: t('import.header'),
      key: 'header',
      render: (_, c) => (
        <Typography.Text code>
          {c.zh} / {c.en}
        </Typography.Text>
      ),
    },
    {
      title: t('import.meaning'),
      key: 'meaning',
      render: (_, c) => (
        <>
          {t(`import.fields.${c.field}`)}{' '}
          {c.required && <Tag color="orange">{t('import.required')}</Tag>}
        </>
      ),
    },
  ];

  return (
    <>
      <Typography.Title level={5}>{t('import.departmentsSheet')}</Typography.Title>
      <Table
        rowKey="en"
        size="small"
        columns={columns}
        dataSource={DEPARTMENT_COLUMNS}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Typography.Title level={5} className="section-title">
        {t('import.employeesSheet')}
      </Typography.Title>
      <Table
        rowKey="en"
        size="small"
        columns={columns}
        dataSource={EMPLOYEE_COLUMNS}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}
