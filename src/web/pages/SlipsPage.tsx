import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ActivationSlip } from '../../core/accounts.js';
import { issuedSlips } from '../accounts/slips.js';
import { EmptyState } from '../components/EmptyState.js';
import { formatDateTime } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';

function Slip({ slip, signInUrl }: { slip: ActivationSlip; signInUrl: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rows: [string, string, string?][] = [
    [t('accounts.slip.employeeNo'), slip.employeeNo ?? t('common.none')],
    [t('accounts.slip.department'), slip.departmentPath.join(' / ')],
    [t('accounts.slip.username'), slip.username, 'slip-username'],
    [t('accounts.slip.code'), slip.code, 'slip-code'],
    [t('accounts.slip.expires'), formatDateTime(slip.expiresAt, language)],
    [t('accounts.slip.where'), signInUrl],
  ];
  return (
    <section className="slip" data-testid="slip">
      <div className="slip-title">
        <strong>{slip.name}</strong>
        <span>{t('accounts.slip.heading')}</span>
      </div>
      <dl className="slip-fields">
        {rows.map(([label, value, testId]) => (
          <div key={label} className="slip-row">
            <dt>{label}</dt>
            <dd className={testId ? 'slip-value' : undefined} data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="slip-note">{t('accounts.slip.note')}</p>
    </section>
  );
}

/**
 * The activation codes just issued, as slips to print (A4, cut along the lines) and hand out.
 * Shown once: the server keeps only their hashes, and this page forgets them on reload.
 */
export function SlipsPage() {
  const { t } = useTranslation();
  const result = issuedSlips();
  if (!result) {
    return (
      <>
        <Typography.Title level={3}>{t('accounts.slips.title')}</Typography.Title>
        <EmptyState text={t('accounts.slips.gone')} />
      </>
    );
  }
  return (
    <>
      <div className="page-heading slips-heading">
        <Typography.Title level={3}>{t('accounts.slips.title')}</Typography.Title>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          disabled={result.slips.length === 0}
          data-testid="slips-print"
        >
          {t('accounts.slips.print')}
        </Button>
      </div>
      <Alert
        className="form-alert slips-summary"
        type="info"
        showIcon
        data-testid="accounts-result"
        title={t('accounts.slips.summary', {
          created: String(result.created),
          skipped: String(result.skipped),
        })}
        description={
          <>
            {result.mailed + result.mailFailed > 0 && (
              <div>
                {t('accounts.slips.mailed', {
                  mailed: String(result.mailed),
                  failed: String(result.mailFailed),
                })}
              </div>
            )}
            <div>{t('accounts.slips.once')}</div>
          </>
        }
      />
      <div className="slips" data-testid="slips">
        {result.slips.map((slip) => (
          <Slip key={slip.userId} slip={slip} signInUrl={result.signInUrl} />
        ))}
      </div>
    </>
  );
}
