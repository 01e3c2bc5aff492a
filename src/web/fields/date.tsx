import { DatePicker } from 'antd';
import { dateFromDayjs, dayjsFromDate } from '../dates.js';
import { localized } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { noSettings, type FieldKind } from './kind.js';
import { ShownDate } from './ShownDate.js';

/** A calendar day, `YYYY-MM-DD`. */
export const date: FieldKind<'date', null> = {
  Input: function DateInput({ field, value, onChange, invalid }) {
    const language = useLanguage();
    return (
      <DatePicker
        aria-label={localized(field.label, language)}
        value={dayjsFromDate(typeof value === 'string' ? value : null)}
        onChange={(next) => onChange(dateFromDayjs(next) ?? undefined)}
        status={invalid ? 'error' : undefined}
      />
    );
  },
  Display: ({ value }) =>
    typeof value === 'string' ? <ShownDate date={value} /> : <span>{String(value)}</span>,
  settings: noSettings(),
};
