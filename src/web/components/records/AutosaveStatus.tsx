import { useTranslation } from 'react-i18next';
import { formatTime } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import type { RecordEditor } from '../../records/useRecordEditor.js';

/** Where the user's changes stand: saving, saved, waiting for a fix, or failed. */
export function AutosaveStatus({ editor }: { editor: RecordEditor }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { saving, saveError, dirty, canSave, savedAt } = editor;
  let status;
  if (saving) status = <span className="muted">{t('record.autosave.saving')}</span>;
  else if (saveError)
    status = (
      <span className="text-error">{t('record.autosave.failed', { message: saveError })}</span>
    );
  else if (dirty && !canSave)
    status = <span className="text-warning">{t('record.autosave.fixToSave')}</span>;
  else if (dirty) status = <span className="muted">{t('record.autosave.unsaved')}</span>;
  else if (savedAt)
    status = (
      <span className="muted">
        {t('record.autosave.savedAt', { time: formatTime(savedAt, language) })}
      </span>
    );
  else status = <span className="muted">{t('record.autosave.upToDate')}</span>;
  return (
    <span className="autosave-status" data-testid="autosave-status" aria-live="polite">
      {status}
    </span>
  );
}
