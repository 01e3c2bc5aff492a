import { Button, Checkbox, InputNumber, Radio, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../core/templates/model.js';
import { LabelPair, type LocalizedDraft } from '../components/templates/LocalizedInput.js';
import { OptionRows } from '../components/templates/OptionRows.js';
import { localized } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import type { FieldKind } from './kind.js';

interface Level {
  value: number | null;
  label: LocalizedDraft;
}

const DEFAULT_SCALE: Level[] = [
  { value: 1, label: { zh: '待改进', en: 'Below expectations' } },
  { value: 2, label: { zh: '部分达标', en: 'Partly meets' } },
  { value: 3, label: { zh: '达标', en: 'Meets expectations' } },
  { value: 4, label: { zh: '良好', en: 'Exceeds' } },
  { value: 5, label: { zh: '卓越', en: 'Outstanding' } },
];

/** One level of a scale the template defines (1 待改进 … 5 卓越). */
export const rating: FieldKind<'rating', { overall: boolean; scale: Level[] }> = {
  Input: function RatingInput({ field, value, onChange }) {
    const { t } = useTranslation();
    const language = useLanguage();
    return (
      <div className="rating-input">
        <Radio.Group
          value={typeof value === 'number' ? value : undefined}
          onChange={(event) => onChange(event.target.value as number)}
          options={field.scale.map((s) => ({
            value: s.value,
            label: `${s.value} · ${localized(s.label, language)}`,
          }))}
        />
        {typeof value === 'number' && (
          <Button type="link" size="small" onClick={() => onChange(undefined)}>
            {t('record.clear')}
          </Button>
        )}
      </div>
    );
  },
  Display: function RatingValue({ field, value }) {
    const language = useLanguage();
    const level = field.scale.find((s) => s.value === value);
    return (
      <Tag color="blue">
        {String(value)}
        {level ? ` · ${localized(level.label, language)}` : ''}
      </Tag>
    );
  },
  settings: {
    initial: () => ({
      overall: false,
      scale: DEFAULT_SCALE.map((s) => ({ ...s, label: { ...s.label } })),
    }),
    read: (field) => ({
      overall: field.overall,
      scale: field.scale.map((s) => ({ value: s.value, label: { ...s.label } })),
    }),
    write: ({ overall, scale }) => ({
      overall,
      scale: scale.map((s) => ({
        value: s.value,
        label: { zh: s.label.zh.trim(), en: s.label.en.trim() },
      })),
    }),
    Editor: function ScaleEditor({ value, onChange }) {
      const { t } = useTranslation();
      return (
        <>
          <Checkbox
            data-testid="rating-overall"
            checked={value.overall}
            onChange={(event) => onChange({ ...value, overall: event.target.checked })}
          >
            {t('builder.overallRating')}
          </Checkbox>
          <OptionRows
            title={t('builder.scale')}
            items={value.scale}
            onChange={(scale) => onChange({ ...value, scale })}
            min={LIMITS.minScale}
            max={LIMITS.maxScale}
            addLabel={t('builder.addLevel')}
            newItem={() => ({
              value: Math.min(
                LIMITS.scaleValue,
                Math.max(0, ...value.scale.map((s) => s.value ?? 0)) + 1,
              ),
              label: { zh: '', en: '' },
            })}
            row={(level, set) => (
              <>
                <InputNumber
                  aria-label={t('builder.scaleValue')}
                  className="scale-value"
                  inputMode="numeric"
                  min={0}
                  max={LIMITS.scaleValue}
                  precision={0}
                  value={level.value}
                  onChange={(v) => set({ ...level, value: v })}
                />
                <LabelPair
                  name={t('builder.label')}
                  value={level.label}
                  onChange={(label) => set({ ...level, label })}
                />
              </>
            )}
          />
        </>
      );
    },
  },
};
