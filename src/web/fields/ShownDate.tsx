import { formatDate } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';

/** A date as the user reads it; a malformed one (old history) shows as stored. */
export function ShownDate({ date }: { date: string }) {
  const language = useLanguage();
  let shown = date;
  try {
    shown = formatDate(date, language);
  } catch {
    // shown as stored
  }
  return <span>{shown}</span>;
}
