import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  hasMore: boolean;
  loading: boolean;
  onLoad: () => void;
}

/** The "load more" button of a keyset-paginated list, or a quiet end-of-list note. */
export function LoadMore({ hasMore, loading, onLoad }: Props) {
  const { t } = useTranslation();
  return (
    <div className="load-more">
      {hasMore ? (
        <Button data-testid="load-more" loading={loading} onClick={onLoad}>
          {t('common.loadMore')}
        </Button>
      ) : (
        <span className="muted">{t('common.noMore')}</span>
      )}
    </div>
  );
}
