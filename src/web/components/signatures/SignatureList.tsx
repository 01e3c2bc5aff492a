import { Alert, Card, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../../core/records/api.js';
import type { SignatureView } from '../../../core/signatures/api.js';
import { formatDateTime } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { InfoList } from '../InfoList.js';

const CHOICE_COLORS = { agree: 'success', disagree: 'warning', refuse: 'error' } as const;

/**
 * The record's signatures with their evidence (who, in which role, the decision and its reason,
 * when, from where, on what device, how the signer confirmed, the hash of the record it signed),
 * and for a refused record when HR may archive it.
 */
export function SignatureList({ view }: { view: RecordView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const waiting = view.state === 'refused' && view.archivableAt && !view.abilities.archive;
  if (view.signatures.length === 0) return null;
  return (
    <Card
      size="small"
      className="signature-list"
      data-testid="signatures"
      title={t('signing.signatures')}
    >
      {waiting && (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          data-testid="archive-after"
          title={t('signing.archiveAfter', {
            time: formatDateTime(view.archivableAt!, language),
          })}
        />
      )}
      {view.signatures.map((s) => (
        <SignatureItem key={s.id} signature={s} />
      ))}
    </Card>
  );
}

function SignatureItem({ signature: s }: { signature: SignatureView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const items = [
    {
      key: 'signedAt',
      label: t('signing.evidence.signedAt'),
      children: formatDateTime(s.signedAt, language),
    },
    ...(s.reason === null
      ? []
      : [{ key: 'reason', label: t('signing.evidence.reason'), children: s.reason }]),
    { key: 'ip', label: t('signing.evidence.ip'), children: s.ip ?? t('common.none') },
    { key: 'device', label: t('signing.evidence.device'), children: s.device ?? t('common.none') },
    {
      key: 'authMethod',
      label: t('signing.evidence.authMethod'),
      children: s.authMethod === 'password' ? t('signing.authMethods.password') : s.authMethod,
    },
    { key: 'revision', label: t('signing.evidence.revision'), children: String(s.revision) },
    {
      key: 'hash',
      label: t('signing.evidence.recordSha256'),
      children: <span className="signature-hash">{s.recordSha256}</span>,
    },
  ];
  return (
    <div
      className={`signature-item${s.voidedAt ? ' signature-voided' : ''}`}
      data-testid={`signature-${s.role}`}
    >
      <div className="signature-item-head">
        <Typography.Text strong>{s.signer.name}</Typography.Text>
        <Tag>{t(`signing.roles.${s.role}`)}</Tag>
        <Tag color={CHOICE_COLORS[s.choice]} data-testid="signature-choice">
          {t(`signing.choices.${s.choice}`)}
        </Tag>
        {s.voidedAt && <Tag data-testid="signature-voided">{t('signing.voided')}</Tag>}
      </div>
      <img className="signature-image" src={s.handwriting} alt={t('signing.draw')} />
      <InfoList size="small" column={1} items={items} />
    </div>
  );
}
