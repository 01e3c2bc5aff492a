import { Checkbox, Input, Radio, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../core/templates/model.js';
import { LabelPair, type LocalizedDraft } from '../components/templates/LocalizedInput.js';
import { OptionRows } from '../components/templates/OptionRows.js';
import { localized } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import type { FieldKind } from './kind.js';
import { asArray } from './values.js';

interface Option {
  value: string;
  label: LocalizedDraft;
}

interface Choices {
  options: Option[];
  multiple: boolean;
}

/** One option of a list, or several when the template allows it. */
export const choice: FieldKind<'choice', Choices> = {
  Input: function ChoiceInput({ field, value, onChange }) {
    const language = useLanguage();
    const options = field.options.map((o) => ({
      value: o.value,
      label: localized(o.label, language),
    }));
    if (field.multiple) {
      return (
        <Checkbox.Group
          className="choice-input"
          options={options}
          value={asArray<string>(value)}
          onChange={(next) => onChange(next)}
        />
      );
    }
    return (
      <Radio.Group
        className="choice-input"
        options={options}
        value={typeof value === 'string' ? value : undefined}
        onChange={(event) => onChange(event.target.value as string)}
      />
    );
  },
  Display: function ChoiceValue({ field, value }) {
    const language = useLanguage();
    const chosen = Array.isArray(value) ? (value as string[]) : [String(value)];
    return (
      <div className="tag-list">
        {chosen.map((v) => {
          const option = field.options.find((o) => o.value === v);
          return <Tag key={v}>{option ? localized(option.label, language) : v}</Tag>;
        })}
      </div>
    );
  },
  settings: {
    initial: () => ({
      options: [
        { value: 'yes', label: { zh: '是', en: 'Yes' } },
        { value: 'no', label: { zh: '否', en: 'No' } },
      ],
      multiple: false,
    }),
    read: (field) => ({
      options: field.options.map((o) => ({ value: o.value, label: { ...o.label } })),
      multiple: field.multiple,
    }),
    write: ({ options, multiple }) => ({
      options: options.map((o) => ({
        value: o.value.trim(),
        label: { zh: o.label.zh.trim(), en: o.label.en.trim() },
      })),
      multiple,
    }),
    Editor: function ChoicesEditor({ value, onChange }) {
      const { t } = useTranslation();
      return (
        <OptionRows
          title={t('builder.options')}
          items={value.options}
          onChange={(options) => onChange({ ...value, options })}
          min={LIMITS.minOptions}
          max={LIMITS.options}
          addLabel={t('builder.addOption')}
          newItem={() => ({
            value: `option${value.options.length + 1}`,
            label: { zh: '', en: '' },
          })}
          row={(option, set) => (
            <>
              <Input
                aria-label={t('builder.optionValue')}
                className="option-value"
                placeholder={t('builder.optionValue')}
                value={option.value}
                maxLength={LIMITS.key}
                onChange={(event) => set({ ...option, value: event.target.value })}
              />
              <LabelPair
                name={t('builder.label')}
                value={option.label}
                onChange={(label) => set({ ...option, label })}
              />
            </>
          )}
        >
          <Checkbox
            checked={value.multiple}
            onChange={(event) => onChange({ ...value, multiple: event.target.checked })}
          >
            {t('builder.multiple')}
          </Checkbox>
        </OptionRows>
      );
    },
  },
};
