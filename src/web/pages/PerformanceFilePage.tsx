import { Card, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client.js';
import { usePerformanceFile } from '../api/performanceFile.js';
import { DepartmentPath } from '../components/DepartmentPath.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { NotFoundResult } from '../components/NotFoundResult.js';
import { PerformanceCharts } from '../components/performance/PerformanceCharts.js';
import { formatDateTime, localized } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { recordPath } from '../paths.js';

/** 员工绩效档案: an employee's archived interviews as a timeline, with rating and skill trends. */
export function PerformanceFilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const file = usePerformanceFile(id);
  if (file.isPending) return <Spin size="large" className="page-spin" />;
  if (isApiError(file.error, 'NOT_FOUND')) {
    return <NotFoundResult subtitle={t('notFound.employee')} />;
  }
  if (file.isError) return <ErrorResult error={file.error} onRetry={() => void file.refetch()} />;
  const { employee, entries } = file.data;
  return (
    <>
      <div className="page-heading">
        <Typography.Title level={3} data-testid="performance-file-title">
          {t('performanceFile.title', { name: employee.name })}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">
        {employee.employeeNo} · <DepartmentPath path={employee.departmentPath} />
        {employee.positionName ? ` · ${employee.positionName}` : ''}
      </Typography.Paragraph>
      {entries.length === 0 ? (
        <Card className="section">
          <Empty description={t('performanceFile.empty')} />
        </Card>
      ) : (
        <>
          <Card className="section" title={t('performanceFile.trends')}>
            <PerformanceCharts entries={entries} />
          </Card>
          <Card className="section" title={t('performanceFile.timeline')}>
            <Timeline
              data-testid="performance-timeline"
              items={[...entries].reverse().map((entry) => ({
                key: entry.recordId,
                content: (
                  <div data-testid="performance-entry">
                    <div>
                      <Link to={recordPath(entry.recordId)}>{entry.topic}</Link>{' '}
                      {entry.addendumOf && <Tag color="purple">{t('record.addenda.title')}</Tag>}
                    </div>
                    <Typography.Text type="secondary">
                      {formatDateTime(entry.interviewAt, language)} ·{' '}
                      {localized(entry.templateName, language)} · {entry.interviewer}
                    </Typography.Text>
                    {entry.rating && (
                      <div>
                        <Tag color="blue" data-testid="performance-rating">
                          {t('performanceFile.rating', {
                            value: String(entry.rating.value),
                            max: String(entry.rating.max),
                          })}
                          {entry.rating.label
                            ? ` · ${localized(entry.rating.label, language)}`
                            : ''}
                        </Tag>
                      </div>
                    )}
                  </div>
                ),
              }))}
            />
          </Card>
        </>
      )}
    </>
  );
}
