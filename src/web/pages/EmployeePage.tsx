import { Card, Descriptions, List, Spin, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client.js';
import { useEmployee } from '../api/directory.js';
import { EmployeeStatusTag } from '../components/EmployeeStatusTag.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { NotFoundResult } from '../components/NotFoundResult.js';
import { formatDate } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { profilePath } from '../paths.js';

export function EmployeePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const employee = useEmployee(id);

  if (employee.isPending) return <Spin size="large" className="page-spin" />;
  if (isApiError(employee.error, 'NOT_FOUND')) {
    return <NotFoundResult subtitle={t('notFound.employee')} />;
  }
  if (employee.isError) {
    return <ErrorResult error={employee.error} onRetry={() => void employee.refetch()} />;
  }

  const e = employee.data;
  const none = t('common.none');
  const items: DescriptionsProps['items'] = [
    { key: 'employeeNo', label: t('profile.employeeNo'), children: e.employeeNo },
    { key: 'pinyin', label: t('profile.pinyin'), children: `${e.namePinyin} (${e.nameInitials})` },
    {
      key: 'status',
      label: t('profile.status'),
      children: <EmployeeStatusTag status={e.status} />,
    },
    { key: 'department', label: t('profile.department'), children: e.department.name },
    { key: 'region', label: t('profile.region'), children: e.region.name },
    { key: 'position', label: t('profile.position'), children: e.position?.name ?? none },
    {
      key: 'manager',
      label: t('profile.manager'),
      children: e.manager ? (
        <Link to={profilePath(e.manager.id)} data-testid="profile-manager">
          {e.manager.name} ({e.manager.employeeNo})
        </Link>
      ) : (
        none
      ),
    },
    {
      key: 'hireDate',
      label: t('profile.hireDate'),
      children: e.hireDate ? formatDate(e.hireDate, language) : none,
    },
    { key: 'email', label: t('profile.email'), children: e.email ?? none },
    { key: 'phone', label: t('profile.phone'), children: e.phone ?? none },
  ];

  return (
    <>
      <Typography.Title level={3} data-testid="profile-name">
        {e.name}
      </Typography.Title>
      <Card className="section">
        <Descriptions items={items} column={{ xs: 1, sm: 1, md: 2, xl: 3 }} />
      </Card>
      <Card title={t('profile.directReports')} className="section">
        <List
          data-testid="direct-reports"
          dataSource={e.directReports}
          locale={{ emptyText: t('profile.noDirectReports') }}
          renderItem={(report) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={profilePath(report.id)}>{report.name}</Link>}
                description={[report.employeeNo, report.position].filter(Boolean).join(' · ')}
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
