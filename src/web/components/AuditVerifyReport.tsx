import { Alert, Descriptions, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditProblem, AuditVerifyReport as Report } from '../../core/audit.js';

/** The outcome of re-checking every link of the audit chain and its signed checkpoints. */
export function AuditVerifyReport({ report }: { report: Report }) {
  const { t } = useTranslation();
  // where a problem was found: the chain itself, or where a checkpoint was read (and its line)
  const where = (p: AuditProblem) => {
    if (!p.source) return t('audit.sources.log');
    const source = t(`audit.sources.${p.source}`);
    return p.line === null ? source : `${source} · ${t('audit.lineNo', { line: String(p.line) })}`;
  };
  const columns: TableColumnsType<AuditProblem> = [
    {
      title: t('audit.seq'),
      dataIndex: 'seq',
      render: (seq: number | null) => seq ?? t('common.none'),
    },
    {
      title: t('audit.problemKind'),
      dataIndex: 'kind',
      render: (_, p) => t(`problemKinds.${p.kind}`),
    },
    { title: t('audit.problemWhere'), key: 'where', render: (_, p) => where(p) },
  ];
  const first = report.firstProblem;
  const last = report.lastCheckpoint;

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
          {
            key: 'last',
            label: t('audit.lastCheckpoint'),
            children: last ? t('audit.details.seqNo', { seq: String(last.seq) }) : t('common.none'),
          },
          ...(first
            ? [
                {
                  key: 'first',
                  label: t('audit.firstProblem'),
                  children:
                    first.seq === null
                      ? t(`problemKinds.${first.kind}`)
                      : `${t('audit.details.seqNo', { seq: String(first.seq) })} · ${t(`problemKinds.${first.kind}`)}`,
                },
                { key: 'count', label: t('audit.problemCount'), children: report.problemCount },
              ]
            : []),
        ]}
      />
      {report.problems.length > 0 && (
        <Table<AuditProblem>
          rowKey={(p) => `${p.seq}-${p.kind}-${p.source}-${p.line}`}
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
