import { Card, Checkbox, Col, Radio, Row, Select } from 'antd';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_TYPES, type FieldType } from '../../../core/templates/model.js';
import { kindOf } from '../../fields/registry.js';
import { domIdOf, type FieldDraft } from '../../templates/builder.js';
import { ItemControls } from './ItemControls.js';
import { KeyInput } from './KeyInput.js';
import { Labeled } from './Labeled.js';
import { LocalizedInput } from './LocalizedInput.js';

type ControlProps = ComponentProps<typeof ItemControls>;

interface Props {
  field: FieldDraft;
  /** where the field is in the definition: `['definition', 'sections', s, 'fields', f]` */
  path: (string | number)[];
  index: number;
  count: number;
  showKeys: boolean;
  onChange: (field: FieldDraft) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  handle: ControlProps['handle'];
  /** what makes the card a place to drop a dragged field */
  dropProps: Pick<ComponentProps<'div'>, 'onDragOver' | 'onDrop'>;
  dropTarget: boolean;
}

/** Everything about one field: key, type, texts, flags and the options of its type. */
export function FieldEditor({ field, path, index, count, showKeys, ...props }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<FieldDraft>) => props.onChange({ ...field, ...patch });

  return (
    <Card
      size="small"
      id={domIdOf(path)}
      tabIndex={-1}
      className={props.dropTarget ? 'builder-field drop-target' : 'builder-field'}
      data-testid="builder-field"
      title={t('builder.fieldN', { n: String(index + 1) })}
      extra={
        <ItemControls
          index={index}
          count={count}
          handle={props.handle}
          onMove={props.onMove}
          onRemove={props.onRemove}
          removeLabel={t('builder.removeField')}
        />
      }
      {...props.dropProps}
    >
      <Row gutter={[12, 12]}>
        {showKeys && (
          <Col xs={24} md={12}>
            <KeyInput
              label={t('builder.fieldKey')}
              id={domIdOf([...path, 'key'])}
              testId="builder-field-key"
              value={field.key}
              onChange={(key) => set({ key })}
            />
          </Col>
        )}
        <Col xs={24} md={12}>
          <Labeled label={t('builder.fieldType')}>
            <Select<FieldType>
              id={domIdOf([...path, 'type'])}
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
            idBase={domIdOf([...path, 'label'])}
            required
            testId="builder-field-label"
            onChange={(label) => set({ label })}
          />
        </Col>
        <Col xs={24}>
          <LocalizedInput
            label={t('builder.hint')}
            value={field.hint}
            idBase={domIdOf([...path, 'hint'])}
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
              id={domIdOf([...path, 'managerOnly'])}
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
