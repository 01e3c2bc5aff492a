import {
  CalendarOutlined,
  FileTextOutlined,
  PlusOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { Button, Card, List, Spin, Typography, type DescriptionsProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client.js';
import { useEmployee } from '../api/directory.js';
import { EmployeeStatusTag } from '../components/EmployeeStatusTag.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { CreateRecordModal } from '../components/records/CreateRecordModal.js';
import { NotFoundResult } from '../components/NotFoundResult.js';
import { ScheduleInterviewModal } from '../components/schedule/ScheduleInterviewModal.js';
import { formatDate } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { employeeRecordsPath, performanceFilePath, profilePath } from '../paths.js';
import { useSession } from '../session.js';
import { DepartmentPath } from '../components/DepartmentPath.js';
import { InfoList } from '../components/InfoList.js';

export function EmployeePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const employee = useEmployee(id);
  const { abilities, user } = useSession();
  const [creating, setCreating] = useState(false);
  const [planning, setPlanning] = useState(false);

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
    {
      key: 'department',
      label: t('profile.department'),
      children: <DepartmentPath path={e.department.path} />,
    },
    { key: 'region', label: t('profile.region'), children: e.region.name },
    { key: 'position', label: t('profile.position'), children: e.position?.name ?? none },
    {
      key: 'manager',
      label: t('profile.manager'),
      children: !e.manager ? (
        none
      ) : e.manager.visible ? (
        <Link to={profilePath(e.manager.id)} data-testid="profile-manager">
          {e.manager.name} ({e.manager.employeeNo})
        </Link>
      ) : (
        // Out of the viewer's scope: a link would only lead to "not found".
        <span data-testid="profile-manager">
          {e.manager.name} ({e.manager.employeeNo})
        </span>
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

  // HR and managers record interviews with others; never with themselves.
  const staff = abilities.interview && e.id !== user.employeeId;
  const employeeLabel = `${e.name} (${e.employeeNo}) · ${e.department.name}`;

  return (
    <>
      <div className="page-heading">
        <Typography.Title level={3} data-testid="profile-name">
          {e.name}
        </Typography.Title>
        <div className="builder-buttons">
          {(staff || e.id === user.employeeId) && (
            <Link to={performanceFilePath(e.id)}>
              <Button icon={<SolutionOutlined />} data-testid="profile-performance-file">
                {t('profile.performanceFile')}
              </Button>
            </Link>
          )}
          {staff && (
            <>
              <Link to={employeeRecordsPath(e)}>
                <Button icon={<FileTextOutlined />} data-testid="profile-records">
                  {t('profile.records')}
                </Button>
              </Link>
              {e.status === 'active' && (
                <Button
                  icon={<CalendarOutlined />}
                  data-testid="profile-schedule"
                  onClick={() => setPlanning(true)}
                >
                  {t('profile.scheduleInterview')}
                </Button>
              )}
              {e.status === 'active' && (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  data-testid="profile-new-record"
                  onClick={() => setCreating(true)}
                >
                  {t('profile.newRecord')}
                </Button>
              )}
            </>
          )}
        </div>
      </div>
      <Card className="section">
        <InfoList items={items} column={{ xs: 1, sm: 1, md: 2, xl: 3 }} />
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
      {staff && (
        <>
          <CreateRecordModal
            open={creating}
            onClose={() => setCreating(false)}
            employee={{ id: e.id, label: employeeLabel }}
          />
          <ScheduleInterviewModal
            open={planning}
            onClose={() => setPlanning(false)}
            employee={{ id: e.id, label: employeeLabel }}
          />
        </>
      )}
    </>
  );
}
