import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Input, InputNumber, Radio, Row, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_TYPES, LIMITS, type FieldType } from '../../../core/templates/model.js';
import type { FieldDraft, LocalizedDraft } from '../../templates/builder.js';

interface PairProps {
  label: string;
  value: LocalizedDraft;
  onChange: (value: LocalizedDraft) => void;
  required?: boolean;
  testId?: string;
  multiline?: boolean;
}

/** One text in both languages, side by side on wide screens and stacked on a phone. */
export function LocalizedInput({ label, value, onChange, required, testId, multiline }: PairProps) {
  const { t } = useTranslation();
  const input = (lang: 'zh' | 'en') => {
    const common = {
      'aria-label': `${label} (${t(`builder.lang.${lang}`)})`,
      'data-testid': testId ? `${testId}-${lang}` : undefined,
      value: value[lang],
      placeholder: t(`builder.lang.${lang}`),
    };
    return multiline ? (
      <Input.TextArea
        {...common}
        rows={2}
        className="auto-grow"
        maxLength={500}
        onChange={(event) => onChange({ ...value, [lang]: event.target.value })}
      />
    ) : (
      <Input
        {...common}
        maxLength={200}
        onChange={(event) => onChange({ ...value, [lang]: event.target.value })}
      />
    );
  };
  return (
    <div className="stacked-label">
      <span>
        {required && <span className="required-mark">*</span>}
        {label}
      </span>
      <Row gutter={[8, 8]}>
        <Col xs={24} md={12}>
          {input('zh')}
        </Col>
        <Col xs={24} md={12}>
          {input('en')}
        </Col>
      </Row>
    </div>
  );
}

function Labeled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="stacked-label">
      <span>{label}</span>
      {children}
    </div>
  );
}

interface Props {
  field: FieldDraft;
  index: number;
  count: number;
  onChange: (field: FieldDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** Everything about one field: key, type, texts, flags and the options of its type. */
export function FieldEditor({ field, index, count, onChange, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<FieldDraft>) => onChange({ ...field, ...patch });

  return (
    <Card
      size="small"
      className="builder-field"
      data-testid="builder-field"
      title={t('builder.fieldN', { n: String(index + 1) })}
      extra={
        <div className="builder-buttons">
          <Button
            type="text"
            size="small"
            icon={<ArrowUpOutlined />}
            aria-label={t('common.moveUp')}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          />
          <Button
            type="text"
            size="small"
            icon={<ArrowDownOutlined />}
            aria-label={t('common.moveDown')}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          />
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('builder.removeField')}
            disabled={count === 1}
            onClick={onRemove}
          />
        </div>
      }
    >
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Labeled label={t('builder.fieldKey')}>
            <Input
              data-testid="builder-field-key"
              value={field.key}
              maxLength={48}
              onChange={(event) => set({ key: event.target.value })}
            />
          </Labeled>
        </Col>
        <Col xs={24} md={12}>
          <Labeled label={t('builder.fieldType')}>
            <Select<FieldType>
              className="full-width"
              data-testid="builder-field-type"
              value={field.type}
              options={FIELD_TYPES.map((type) => ({ value: type, label: t(`fieldTypes.${type}`) }))}
              onChange={(type) => set({ type })}
            />
          </Labeled>
        </Col>
        <Col xs={24}>
          <LocalizedInput
            label={t('builder.label')}
            value={field.label}
            required
            testId="builder-field-label"
            onChange={(label) => set({ label })}
          />
        </Col>
        <Col xs={24}>
          <LocalizedInput
            label={t('builder.hint')}
            value={field.hint}
            onChange={(hint) => set({ hint })}
          />
        </Col>
        <Col xs={24}>
          <div className="builder-flags">
            <Checkbox
              checked={field.required}
              onChange={(event) => set({ required: event.target.checked })}
            >
              {t('builder.required')}
            </Checkbox>
            <Checkbox
              checked={field.managerOnly && field.filledBy !== 'employee'}
              disabled={field.filledBy === 'employee'}
              onChange={(event) => set({ managerOnly: event.target.checked })}
            >
              {t('builder.managerOnly')}
            </Checkbox>
            <Radio.Group
              value={field.filledBy}
              onChange={(event) => set({ filledBy: event.target.value as FieldDraft['filledBy'] })}
              options={[
                { value: 'interviewer', label: t('builder.byInterviewer') },
                { value: 'employee', label: t('builder.byEmployee') },
              ]}
            />
          </div>
        </Col>
        <Col xs={24}>
          <TypeOptions field={field} set={set} />
        </Col>
      </Row>
    </Card>
  );
}

function TypeOptions({
  field,
  set,
}: {
  field: FieldDraft;
  set: (patch: Partial<FieldDraft>) => void;
}) {
  const { t } = useTranslation();
  const remove = <T,>(items: T[], i: number) => items.filter((_, j) => j !== i);
  const replace = <T,>(items: T[], i: number, item: T) => items.map((x, j) => (j === i ? item : x));
  switch (field.type) {
    case 'longText':
      return (
        <Labeled label={t('builder.maxLength')}>
          <InputNumber
            className="number-input"
            min={1}
            max={LIMITS.longText}
            placeholder={String(LIMITS.longText)}
            value={field.maxLength}
            onChange={(maxLength) => set({ maxLength: maxLength ?? null })}
          />
        </Labeled>
      );
    case 'rating':
      return (
        <div className="builder-options">
          <div className="builder-options-title">{t('builder.scale')}</div>
          {field.scale.map((level, i) => (
            <div className="builder-option-row" key={i}>
              <InputNumber
                aria-label={t('builder.scaleValue')}
                className="scale-value"
                min={0}
                max={10}
                precision={0}
                value={level.value}
                onChange={(value) => set({ scale: replace(field.scale, i, { ...level, value }) })}
              />
              <Input
                aria-label={`${t('builder.label')} (${t('builder.lang.zh')})`}
                placeholder={t('builder.lang.zh')}
                value={level.label.zh}
                onChange={(event) =>
                  set({
                    scale: replace(field.scale, i, {
                      ...level,
                      label: { ...level.label, zh: event.target.value },
                    }),
                  })
                }
              />
              <Input
                aria-label={`${t('builder.label')} (${t('builder.lang.en')})`}
                placeholder={t('builder.lang.en')}
                value={level.label.en}
                onChange={(event) =>
                  set({
                    scale: replace(field.scale, i, {
                      ...level,
                      label: { ...level.label, en: event.target.value },
                    }),
                  })
                }
              />
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.remove')}
                disabled={field.scale.length <= 2}
                onClick={() => set({ scale: remove(field.scale, i) })}
              />
            </div>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            disabled={field.scale.length >= 10}
            onClick={() =>
              set({
                scale: [
                  ...field.scale,
                  {
                    value: Math.min(10, Math.max(0, ...field.scale.map((s) => s.value ?? 0)) + 1),
                    label: { zh: '', en: '' },
                  },
                ],
              })
            }
          >
            {t('builder.addLevel')}
          </Button>
        </div>
      );
    case 'choice':
      return (
        <div className="builder-options">
          <div className="builder-options-title">{t('builder.options')}</div>
          {field.options.map((option, i) => (
            <div className="builder-option-row" key={i}>
              <Input
                aria-label={t('builder.optionValue')}
                className="option-value"
                placeholder={t('builder.optionValue')}
                value={option.value}
                onChange={(event) =>
                  set({
                    options: replace(field.options, i, { ...option, value: event.target.value }),
                  })
                }
              />
              <Input
                aria-label={`${t('builder.label')} (${t('builder.lang.zh')})`}
                placeholder={t('builder.lang.zh')}
                value={option.label.zh}
                onChange={(event) =>
                  set({
                    options: replace(field.options, i, {
                      ...option,
                      label: { ...option.label, zh: event.target.value },
                    }),
                  })
                }
              />
              <Input
                aria-label={`${t('builder.label')} (${t('builder.lang.en')})`}
                placeholder={t('builder.lang.en')}
                value={option.label.en}
                onChange={(event) =>
                  set({
                    options: replace(field.options, i, {
                      ...option,
                      label: { ...option.label, en: event.target.value },
                    }),
                  })
                }
              />
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.remove')}
                disabled={field.options.length <= 2}
                onClick={() => set({ options: remove(field.options, i) })}
              />
            </div>
          ))}
          <div className="builder-flags">
            <Button
              size="small"
              icon={<PlusOutlined />}
              disabled={field.options.length >= LIMITS.options}
              onClick={() =>
                set({
                  options: [
                    ...field.options,
                    { value: `option${field.options.length + 1}`, label: { zh: '', en: '' } },
                  ],
                })
              }
            >
              {t('builder.addOption')}
            </Button>
            <Checkbox
              checked={field.multiple}
              onChange={(event) => set({ multiple: event.target.checked })}
            >
              {t('builder.multiple')}
            </Checkbox>
          </div>
        </div>
      );
    case 'number':
      return (
        <div className="builder-flags">
          <Labeled label={t('builder.min')}>
            <InputNumber
              className="number-input"
              value={field.min}
              onChange={(min) => set({ min: min ?? null })}
            />
          </Labeled>
          <Labeled label={t('builder.max')}>
            <InputNumber
              className="number-input"
              value={field.max}
              onChange={(max) => set({ max: max ?? null })}
            />
          </Labeled>
        </div>
      );
    case 'skillMatrix':
      return (
        <div className="builder-options">
          <Labeled label={t('builder.levels')}>
            <InputNumber
              className="number-input"
              min={2}
              max={10}
              precision={0}
              value={field.levels}
              onChange={(levels) => set({ levels: levels ?? 5 })}
            />
          </Labeled>
          <div className="builder-options-title">{t('builder.skills')}</div>
          {field.skills.map((skill, i) => (
            <div className="builder-option-row" key={i}>
              <Input
                aria-label={`${t('builder.skill')} (${t('builder.lang.zh')})`}
                placeholder={t('builder.lang.zh')}
                value={skill.zh}
                onChange={(event) =>
                  set({ skills: replace(field.skills, i, { ...skill, zh: event.target.value }) })
                }
              />
              <Input
                aria-label={`${t('builder.skill')} (${t('builder.lang.en')})`}
                placeholder={t('builder.lang.en')}
                value={skill.en}
                onChange={(event) =>
                  set({ skills: replace(field.skills, i, { ...skill, en: event.target.value }) })
                }
              />
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.remove')}
                onClick={() => set({ skills: remove(field.skills, i) })}
              />
            </div>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            disabled={field.skills.length >= LIMITS.rows}
            onClick={() => set({ skills: [...field.skills, { zh: '', en: '' }] })}
          >
            {t('builder.addSkill')}
          </Button>
        </div>
      );
    default:
      return null;
  }
}
