import { Alert, Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditStatus } from '../../../core/audit.js';
import { formatDateTime } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';

/**
 * How well the audit log is protected: where its key and checkpoints are kept (each warning with
 * the setting that fixes it), and whether checkpoints keep up with the log.
 */
export function AuditProtection({ status }: { status: AuditStatus }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const last = status.lastCheckpoint;
  const refusal = status.refusal;
  return (
    <Card className="section" title={t('system.audit.title')} data-testid="system-audit">
      <Typography.Paragraph type="secondary">
        {t('system.audit.intro', {
          entries: String(status.schedule.everyEntries),
          minutes: String(status.schedule.everyMinutes),
        })}
      </Typography.Paragraph>
      {status.warnings.map((w) => (
        <Alert
          key={w.kind}
          className="form-alert"
          type="warning"
          showIcon
          title={t(`system.audit.warnings.${w.kind}.title`)}
          description={
            <>
              <div>{t(`system.audit.warnings.${w.kind}.body`)}</div>
              <div>
                {t('system.setting')} <code className="setting">{w.setting}</code>
              </div>
            </>
          }
          data-testid={`warning-${w.kind}`}
        />
      ))}
      {refusal && (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          title={t('system.audit.refusal.title')}
          description={t('system.audit.refusal.body', {
            time: formatDateTime(refusal.at, language),
            problem: t(`problemKinds.${refusal.kind}`),
          })}
        />
      )}
      {status.checkpointsBehind && !refusal && (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={t('system.audit.behind.title')}
          description={t('system.audit.behind.body')}
        />
      )}
      {status.warnings.length === 0 && !refusal && !status.checkpointsBehind && (
        <Alert className="form-alert" type="success" showIcon title={t('system.audit.allGood')} />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          {
            key: 'last',
            label: t('system.audit.lastCheckpoint'),
            children: last ? t('audit.details.seqNo', { seq: String(last.seq) }) : t('common.none'),
          },
          {
            key: 'at',
            label: t('audit.signedAt'),
            children: last ? formatDateTime(last.at, language) : t('common.none'),
          },
          {
            key: 'since',
            label: t('system.audit.entriesSince'),
            children: status.entriesSinceCheckpoint,
          },
        ]}
      />
    </Card>
  );
}
