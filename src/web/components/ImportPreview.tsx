import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  ImportPreview as Preview,
  PreviewDepartment,
  PreviewEmployee,
} from '../../core/import.js';

interface Props {
  preview: Preview;
  confirming: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The first rows of one kind of change, with how many there are in all. */
function ChangeTable<T extends { row: number }>(props: {
  title: string;
  total: number;
  items: T[];
  columns: TableColumnsType<T>;
  testId: string;
}) {
  const { t } = useTranslation();
  if (props.total === 0) return null;
  return (
    <div className="section" data-testid={props.testId}>
      <Typography.Title level={5}>
        {props.title}
        {props.total > props.items.length &&
          ` · ${t('import.firstRows', { shown: String(props.items.length), total: String(props.total) })}`}
      </Typography.Title>
      <Table<T>
        rowKey="row"
        size="small"
        columns={props.columns}
        dataSource={props.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}

/** What the import will write, for the user to confirm or cancel; nothing is written yet. */
export function ImportPreview({ preview, confirming, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const { departments, employees } = preview;
  const changes = {
    title: t('import.changedColumns'),
    key: 'changes',
    render: (_: unknown, item: { changes: string[] }) => item.changes.join('、'),
  };
  const departmentColumns: TableColumnsType<PreviewDepartment> = [
    { title: t('import.row'), dataIndex: 'row' },
    { title: t('import.code'), dataIndex: 'code' },
    { title: t('import.name'), dataIndex: 'name' },
    { title: t('import.region'), dataIndex: 'region' },
    { title: t('import.parentCode'), dataIndex: 'parentCode' },
  ];
  const employeeColumns: TableColumnsType<PreviewEmployee> = [
    { title: t('import.row'), dataIndex: 'row' },
    { title: t('import.employeeNo'), dataIndex: 'employeeNo' },
    { title: t('import.name'), dataIndex: 'name' },
    { title: t('import.departmentCode'), dataIndex: 'departmentCode' },
    { title: t('import.position'), dataIndex: 'position' },
  ];
  const nothing =
    departments.created + departments.changed + employees.created + employees.changed === 0;
  const counts = (set: { created: number; changed: number; unchanged: number }) =>
    [
      t('import.created', { count: set.created }),
      t('import.changed', { count: set.changed }),
      t('import.unchanged', { count: set.unchanged }),
    ].join('，');

  return (
    <Card title={t('import.previewTitle')} className="section" data-testid="import-preview">
      <Alert
        className="form-alert"
        type={nothing ? 'success' : 'info'}
        showIcon
        title={nothing ? t('import.nothingToChange') : t('import.previewHint')}
      />
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: 'format', label: t('import.format'), children: preview.format.toUpperCase() },
          { key: 'departments', label: t('import.departments'), children: counts(departments) },
          { key: 'employees', label: t('import.employees'), children: counts(employees) },
          ...(preview.regions.length > 0
            ? [
                {
                  key: 'regions',
                  label: t('import.newRegions'),
                  children: preview.regions.map((name) => <Tag key={name}>{name}</Tag>),
                },
              ]
            : []),
          ...(preview.positions.length > 0
            ? [
                {
                  key: 'positions',
                  label: t('import.newPositions'),
                  children: preview.positions.map((name) => <Tag key={name}>{name}</Tag>),
                },
              ]
            : []),
        ]}
      />
      <ChangeTable
        title={t('import.newEmployees')}
        total={employees.created}
        items={employees.createdItems}
        columns={employeeColumns}
        testId="import-new-employees"
      />
      <ChangeTable
        title={t('import.changedEmployees')}
        total={employees.changed}
        items={employees.changedItems}
        columns={[...employeeColumns, changes]}
        testId="import-changed-employees"
      />
      <ChangeTable
        title={t('import.newDepartments')}
        total={departments.created}
        items={departments.createdItems}
        columns={departmentColumns}
        testId="import-new-departments"
      />
      <ChangeTable
        title={t('import.changedDepartments')}
        total={departments.changed}
        items={departments.changedItems}
        columns={[...departmentColumns, changes]}
        testId="import-changed-departments"
      />
      <Space wrap className="section">
        {!nothing && (
          <Button
            type="primary"
            loading={confirming}
            onClick={onConfirm}
            data-testid="import-confirm"
          >
            {t('import.confirm')}
          </Button>
        )}
        <Button disabled={confirming} onClick={onCancel} data-testid="import-cancel">
          {nothing ? t('import.close') : t('common.cancel')}
        </Button>
      </Space>
    </Card>
  );
}
