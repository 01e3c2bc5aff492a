import { Checkbox, Col, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FIELD_TYPES, type FieldType } from '../../../core/templates/model.js';
import { kindOf } from '../../fields/registry.js';
import { domIdOf, type FieldDraft } from '../../templates/builder.js';
import { ReorderableCard, type Reorder } from './ReorderableCard.js';
import { KeyInput } from './KeyInput.js';
import { Labeled } from './Labeled.js';
import { LocalizedInput } from './LocalizedInput.js';

interface Props extends Reorder {
  field: FieldDraft;
  /** where the field is in the definition: `['definition', 'sections', s, 'fields', f]` */
  path: (string | number)[];
  showKeys: boolean;
  onChange: (field: FieldDraft) => void;
}

/** Everything about one field: key, type, texts, flags and the options of its type. */
export function FieldEditor({ field, path, showKeys, onChange, ...reorder }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<FieldDraft>) => onChange({ ...field, ...patch });

  return (
    <ReorderableCard
      size="small"
      reorder={reorder}
      path={path}
      className="builder-field"
      testId="builder-field"
      title={t('builder.fieldN', { n: String(reorder.index + 1) })}
      removeLabel={t('builder.removeField')}
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
    </ReorderableCard>
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
