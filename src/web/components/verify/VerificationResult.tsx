import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCode, type Verification } from '../../../core/records/pdf.js';
import { isApiError } from '../../api/client.js';
import { formatDateTime } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { InfoList } from '../InfoList.js';

/** A verification's answer in words: valid or not, which record, and each check. */
export function VerificationResult(props: {
  result: Verification | undefined;
  error: unknown;
  pending: boolean;
}) {
  const { result, error, pending } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  if (pending) return <Spin className="page-spin" />;
  if (error) {
    // a modified copy, an unknown code (or a record out of reach: the same answer) each in words
    let title = error instanceof Error ? error.message : t('common.networkError');
    if (isApiError(error, 'PDF_NOT_ISSUED')) title = t('verify.notIssued');
    if (isApiError(error, 'NOT_FOUND')) title = t('verify.notFound');
    return (
      <Alert
        type="error"
        showIcon
        title={title}
        className="section"
        data-testid="verify-result"
        data-valid="false"
      />
    );
  }
  if (!result) return null;
  return (
    <div className="section" data-testid="verify-result" data-valid={String(result.valid)}>
      <Alert
        type={result.valid ? 'success' : 'error'}
        showIcon
        title={t(result.valid ? 'verify.valid' : 'verify.invalid')}
        className="form-alert"
      />
      <InfoList
        column={1}
        size="small"
        bordered
        items={[
          { key: 'topic', label: t('verify.topic'), children: result.record.topic },
          { key: 'employee', label: t('verify.employee'), children: result.record.employeeName },
          {
            key: 'state',
            label: t('verify.state'),
            children: t(`recordStates.${result.record.state}`),
          },
          {
            key: 'issued',
            label: t('verify.issuedAt'),
            children: formatDateTime(result.issuedAt, language),
          },
          { key: 'code', label: t('verify.code'), children: formatCode(result.code) },
          {
            key: 'checks',
            label: t('verify.checks.title'),
            children: (
              <ul className="verify-checks">
                {result.checks.map((c) => (
                  <li key={c.name} data-testid={`verify-check-${c.name}`} data-ok={String(c.ok)}>
                    {c.ok ? (
                      <CheckCircleFilled className="verify-ok" />
                    ) : (
                      <CloseCircleFilled className="verify-failed" />
                    )}{' '}
                    {t(`verify.checks.${c.name}.${c.ok ? 'ok' : 'failed'}`)}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </div>
  );
}
