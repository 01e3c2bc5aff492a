import { CloudUploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Backup } from '../../core/backup.js';
import { backupsKey, startBackup, useBackups, verifyBackup } from '../api/backups.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { formatBytes, formatDateTime } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';

/** Whether a backup restored whole when last checked, in words. */
function VerificationTag({ backup }: { backup: Backup }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const v = backup.verification;
  if (!v) return <Tag>{t('backups.notVerified')}</Tag>;
  const at = t('backups.verifiedAt', { time: formatDateTime(v.at, language) });
  return v.ok ? (
    <Tag color="green" title={at}>
      {t('backups.verifiedOk')}
    </Tag>
  ) : (
    <Tag color="red" title={at}>
      {t('backups.verifyFailed', { check: v.check ? t(`backupChecks.${v.check}`) : '' })}
    </Tag>
  );
}

export function BackupsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const backups = useBackups();
  const refresh = () => queryClient.invalidateQueries({ queryKey: backupsKey });
  const fail = (error: Error) => void message.error(error.message);
  const start = useMutation({
    mutationFn: startBackup,
    onSuccess: async () => {
      void message.success(t('backups.started'));
      await refresh();
    },
    onError: fail,
  });
  const verify = useMutation({
    mutationFn: verifyBackup,
    onSuccess: async () => {
      void message.success(t('backups.verifyStarted'));
      await refresh();
    },
    onError: fail,
  });
  const list = backups.data;
  const running = list?.running ?? null;

  const columns: TableColumnsType<Backup> = [
    {
      title: t('backups.createdAt'),
      dataIndex: 'createdAt',
      render: (value: string) => formatDateTime(value, language),
    },
    {
      title: t('backups.size'),
      dataIndex: 'bytes',
      render: (value: number) => formatBytes(value, language),
      responsive: ['sm'],
    },
    {
      title: t('backups.rows'),
      dataIndex: 'rows',
      render: (value: number) => value.toLocaleString(language),
      responsive: ['lg'],
    },
    {
      title: t('backups.auditSeq'),
      dataIndex: 'auditSeq',
      render: (value: number) => t('backups.auditSeqValue', { seq: String(value) }),
      responsive: ['md'],
    },
    {
      title: t('backups.verification'),
      key: 'verification',
      render: (_, backup) => <VerificationTag backup={backup} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, backup) => (
        <Button
          type="link"
          size="small"
          disabled={running !== null}
          loading={verify.isPending && verify.variables === backup.name}
          onClick={() => verify.mutate(backup.name)}
          data-testid="verify-backup"
        >
          {t('backups.verify')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <div className="page-heading">
        <Typography.Title level={3}>{t('backups.title')}</Typography.Title>
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          disabled={running !== null}
          loading={start.isPending}
          onClick={() => start.mutate()}
          data-testid="start-backup"
        >
          {t('backups.start')}
        </Button>
      </div>
      {list && (
        <>
          {list.besideData && (
            <Alert
              className="form-alert"
              type="warning"
              showIcon
              title={t('backups.besideData')}
              data-testid="backups-beside-data"
            />
          )}
          <Typography.Paragraph type="secondary">
            {list.schedule.everyHours === null
              ? t('backups.noSchedule', { keep: String(list.schedule.keep) })
              : t('backups.schedule', {
                  hours: String(list.schedule.everyHours),
                  keep: String(list.schedule.keep),
                })}
          </Typography.Paragraph>
          {running && (
            <Alert
              className="form-alert"
              type="info"
              showIcon
              title={t(
                running.kind === 'backup' ? 'backups.runningBackup' : 'backups.runningVerify',
                {
                  time: formatDateTime(running.since, language),
                },
              )}
              data-testid="backup-running"
            />
          )}
        </>
      )}
      {backups.isError ? (
        <ErrorResult error={backups.error} onRetry={() => void backups.refetch()} />
      ) : (
        <Table<Backup>
          rowKey="name"
          columns={columns}
          dataSource={list?.items}
          loading={backups.isPending}
          locale={{ emptyText: t('backups.empty') }}
          pagination={false}
          scroll={{ x: 'max-content' }}
          size="middle"
          data-testid="backups-table"
        />
      )}
    </>
  );
}
