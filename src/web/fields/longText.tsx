import { InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../core/templates/model.js';
import { Labeled } from '../components/templates/Labeled.js';
import { MentionText } from '../components/MentionText.js';
import { MentionTextArea } from '../components/MentionTextArea.js';
import { localized } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import type { FieldKind } from './kind.js';

/** Free text, in which colleagues can be @mentioned. */
export const longText: FieldKind<'longText', number | null> = {
  Input: function LongTextInput({ field, value, onChange, invalid }) {
    const language = useLanguage();
    const { t } = useTranslation();
    return (
      <>
        <MentionTextArea
          aria-label={localized(field.label, language)}
          value={typeof value === 'string' ? value : ''}
          onChange={onChange}
          maxLength={field.maxLength ?? LIMITS.longText}
          status={invalid ? 'error' : undefined}
        />
        {/* the server grants a record only for mentions in what the employee will see */}
        {field.managerOnly && (
          <div className="muted field-note" data-testid="mention-grants-nothing">
            {t('record.mentionInManagerOnly')}
          </div>
        )}
      </>
    );
  },
  Display: ({ value }) => (
    <div className="text-value">
      <MentionText text={String(value)} />
    </div>
  ),
  normalize: (_field, value) =>
    typeof value === 'string' && value.trim() === '' ? undefined : value,
  settings: {
    initial: () => null,
    read: (field) => field.maxLength ?? null,
    write: (maxLength) => (maxLength ? { maxLength } : {}),
    Editor: function MaxLengthEditor({ value, onChange }) {
      const { t } = useTranslation();
      return (
        <Labeled label={t('builder.maxLength')}>
          <InputNumber
            aria-label={t('builder.maxLength')}
            className="number-input"
            inputMode="numeric"
            min={1}
            max={LIMITS.longText}
            placeholder={String(LIMITS.longText)}
            value={value}
            onChange={(maxLength) => onChange(maxLength ?? null)}
          />
        </Labeled>
      );
    },
  },
};
