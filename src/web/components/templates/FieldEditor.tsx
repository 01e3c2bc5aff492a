import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Input, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FIELD_TYPES, LIMITS, type FieldType } from '../../../core/templates/model.js';
import { kindOf } from '../../fields/registry.js';
import type { FieldDraft } from '../../templates/builder.js';
import { Labeled } from './Labeled.js';
import { LocalizedInput } from './LocalizedInput.js';

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
              maxLength={LIMITS.key}
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
          <TypeSettings field={field} set={set} />
        </Col>
      </Row>
    </Card>
  );
}

/** The options the field's type adds, edited by that type's own editor. */
function TypeSettings({
  field,
  set,
}: {
  field: FieldDraft;
  set: (patch: Partial<FieldDraft>) => void;
}) {
  const { Editor } = kindOf(field.type).settings;
  if (!Editor) return null;
  return (
    <Editor
      value={field.settings[field.type]}
      onChange={(value) => set({ settings: { ...field.settings, [field.type]: value } })}
    />
  );
}
