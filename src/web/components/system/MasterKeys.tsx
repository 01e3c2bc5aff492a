import { Alert, Card, Descriptions, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KeyStatus } from '../../../core/system.js';
import { formatDateTime } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';

/**
 * The master keys: the one that seals, whether a rotation is under way, and every running node
 * with whether it holds the same keys (one that does not stops a rotation).
 */
export function MasterKeys({ status }: { status: KeyStatus }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const outOfStep = status.nodes.filter((n) => !n.inStep);
  return (
    <Card className="section" title={t('system.keys.title')} data-testid="system-keys">
      <Typography.Paragraph type="secondary">{t('system.keys.intro')}</Typography.Paragraph>
      {status.source === 'environment' && (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          title={t('system.keys.fromEnvironment')}
          description={
            <>
              {t('system.setting')} <code className="setting">MIANTAN_KEY_FILE</code>
            </>
          }
        />
      )}
      {status.keys.length > 1 && (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={t('system.keys.rotating', { keys: status.keys.join(', ') })}
        />
      )}
      {outOfStep.length > 0 && (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={t('system.keys.outOfStep', { count: outOfStep.length })}
          description={
            <>
              {t('system.setting')} <code className="setting">MIANTAN_KEY_FILE</code>
            </>
          }
        />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'active', label: t('system.keys.active'), children: status.activeKey },
          { key: 'nodes', label: t('system.keys.nodeCount'), children: status.nodes.length },
        ]}
      />
      <List
        size="small"
        dataSource={status.nodes}
        rowKey={(n) => `${n.host}:${n.pid}:${n.startedAt}`}
        renderItem={(n) => (
          <List.Item>
            <List.Item.Meta
              title={
                <>
                  {t('system.keys.node', { host: n.host, pid: String(n.pid) })}{' '}
                  {n.inStep ? (
                    <Tag color="green">{t('system.keys.inStep')}</Tag>
                  ) : (
                    <Tag color="orange">{t('system.keys.notInStep')}</Tag>
                  )}
                </>
              }
              description={t('system.keys.nodeDetail', {
                key: n.activeKey,
                started: formatDateTime(n.startedAt, language),
                seen: formatDateTime(n.seenAt, language),
              })}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
