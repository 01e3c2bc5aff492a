import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RecordSummary } from '../../../core/records/api.js';
import { recordPath } from '../../paths.js';

/** A listed record's topic as a link to it; in words when its version failed its integrity check. */
export function RecordTopicLink({ record }: { record: RecordSummary }) {
  const { t } = useTranslation();
  return (
    <Link to={recordPath(record.id)}>
      {record.integrityFailed ? (
        <span className="text-error" data-testid="record-integrity-failed">
          {t('integrity.listed')}
        </span>
      ) : (
        record.topic
      )}
    </Link>
  );
}
