import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  error: Error;
  onRetry?: () => void;
}

/** A request that failed: the server's own (localized) message and a way to try again. */
export function ErrorResult({ error, onRetry }: Props) {
  const { t } = useTranslation();
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
