import { useIsFetching } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigation } from 'react-router';

/**
 * A thin bar along the top of the window while the next page's code loads or the page waits for the server,
 * so a click never looks like it did nothing. Its CSS fades it in only after a moment, so quick
 * answers do not flicker a bar.
 */
export function NavigationProgress() {
  const { t } = useTranslation();
  const navigating = useNavigation().state !== 'idle';
  const fetching = useIsFetching() > 0;
  if (!navigating && !fetching) return null;
  return (
    <div
      className="nav-progress"
      role="progressbar"
      aria-label={t('common.loading')}
      data-testid="nav-progress"
    />
  );
}
