import { Alert, Descriptions, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditProblem, AuditVerifyReport as Report } from '../../core/audit.js';

/** The outcome of re-checking every link of the audit chain and its signed checkpoints. */
export function AuditVerifyReport({ report }: { report: Report }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<AuditProblem> = [
    { title: t('audit.seq'), dataIndex: 'seq' },
    {
      title: t('audit.problemKind'),
      dataIndex: 'kind',
      render: (_, p) => t(`problemKinds.${p.kind}`, { defaultValue: p.kind }),
    },
    { title: t('audit.problemDetail'), dataIndex: 'detail' },
  ];
  const first = report.firstProblem;

  return (
    <div className="section verify-report" data-testid="audit-verify-report">
      <Alert
        className="form-alert"
        type={report.ok ? 'success' : 'error'}
        showIcon
        title={report.ok ? t('audit.verifyOk') : t('audit.verifyFailed')}
      />
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          { key: 'entries', label: t('audit.entries'), children: report.entries },
          { key: 'headSeq', label: t('audit.headSeq'), children: report.headSeq },
          { key: 'checkpoints', label: t('audit.checkpoints'), children: report.checkpoints },
          ...(first
            ? [
                {
                  key: 'first',
                  label: t('audit.firstProblem'),
                  children: `#${first.seq} ${t(`problemKinds.${first.kind}`, { defaultValue: first.kind })}`,
                },
              ]
            : []),
        ]}
      />
      {report.problems.length > 0 && (
        <Table<AuditProblem>
          rowKey={(p) => `${p.seq}-${p.kind}`}
          size="small"
          columns={columns}
          dataSource={report.problems}
          pagination={report.problems.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 'max-content' }}
        />
      )}
    </div>
  );
}
