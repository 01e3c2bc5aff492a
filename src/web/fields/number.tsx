import { InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Labeled } from '../components/templates/Labeled.js';
import { localized } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import type { FieldKind } from './kind.js';

interface Bounds {
  min: number | null;
  max: number | null;
}

/** A number, within the bounds the template sets. */
export const number: FieldKind<'number', Bounds> = {
  Input: function NumberInput({ field, value, onChange, invalid }) {
    const language = useLanguage();
    return (
      <InputNumber
        aria-label={localized(field.label, language)}
        className="number-input"
        // a phone's decimal keypad has no minus sign (iOS): only numbers that cannot be negative get it
        inputMode={field.min !== undefined && field.min >= 0 ? 'decimal' : 'text'}
        value={typeof value === 'number' ? value : null}
        min={field.min}
        max={field.max}
        onChange={(next) => onChange(next ?? undefined)}
        status={invalid ? 'error' : undefined}
      />
    );
  },
  Display: ({ value }) => <Typography.Text>{String(value)}</Typography.Text>,
  settings: {
    initial: () => ({ min: null, max: null }),
    read: (field) => ({ min: field.min ?? null, max: field.max ?? null }),
    write: ({ min, max }) => ({
      ...(min !== null ? { min } : {}),
      ...(max !== null ? { max } : {}),
    }),
    Editor: function BoundsEditor({ value, onChange }) {
      const { t } = useTranslation();
      return (
        <div className="builder-flags">
          <Labeled label={t('builder.min')}>
            <InputNumber
              aria-label={t('builder.min')}
              className="number-input"
              value={value.min}
              onChange={(min) => onChange({ ...value, min: min ?? null })}
            />
          </Labeled>
          <Labeled label={t('builder.max')}>
            <InputNumber
              aria-label={t('builder.max')}
              className="number-input"
              value={value.max}
              onChange={(max) => onChange({ ...value, max: max ?? null })}
            />
          </Labeled>
        </div>
      );
    },
  },
};
