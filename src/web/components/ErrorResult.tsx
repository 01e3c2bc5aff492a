import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { tamperedValueSchema } from '../../core/integrity.js';
import { isApiError } from '../api/client.js';
import { integrityPartWords } from '../integrity.js';

interface Props {
  error: Error;
  onRetry?: () => void;
}

/**
 * A request that failed: the server's own (localized) message and a way to try again. Stored data
 * that failed its integrity check is named in words, with nothing to retry: asking again cannot help.
 */
export function ErrorResult({ error, onRetry }: Props) {
  const { t } = useTranslation();
  const tampered = isApiError(error, 'INTEGRITY_FAILED')
    ? tamperedValueSchema.safeParse(error.details)
    : null;
  if (tampered?.success) {
    return (
      <div data-testid="integrity-failed">
        <Result
          status="error"
          title={t('integrity.title')}
          subTitle={t('integrity.failed', { part: integrityPartWords(tampered.data, t) })}
        />
      </div>
    );
  }
  return (
    <Result
      status="error"
      title={t('common.loadFailed')}
      subTitle={error.message}
      extra={
        onRetry && (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
