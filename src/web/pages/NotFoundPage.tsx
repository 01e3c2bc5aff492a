import { useTranslation } from 'react-i18next';
import { NotFoundResult } from '../components/NotFoundResult.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  return <NotFoundResult subtitle={t('notFound.page')} />;
}
