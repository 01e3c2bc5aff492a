import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../core/templates/model.js';
import { domIdOf, freshKey, moveTo, newField, type SectionDraft } from '../../templates/builder.js';
import { useDragReorder } from '../../templates/useDragReorder.js';
import { FieldEditor } from './FieldEditor.js';
import { ReorderableCard, type Reorder } from './ReorderableCard.js';
import { KeyInput } from './KeyInput.js';
import { LocalizedInput } from './LocalizedInput.js';

interface Props extends Reorder {
  section: SectionDraft;
  showKeys: boolean;
  /** every field key of the template, for the key of a field added here */
  fieldKeys: string[];
  onChange: (section: SectionDraft) => void;
}

/** One section of the template: its key, title and hint, and its fields in order. */
export function SectionEditor({ section, showKeys, fieldKeys, onChange, ...reorder }: Props) {
  const { t } = useTranslation();
  const path = ['definition', 'sections', reorder.index];
  const set = (patch: Partial<SectionDraft>) => onChange({ ...section, ...patch });
  const moveField = (from: number, to: number) => set({ fields: moveTo(section.fields, from, to) });
  const fieldDrag = useDragReorder(moveField);

  return (
    <ReorderableCard
      reorder={reorder}
      path={path}
      className="section builder-section"
      testId="builder-section"
      title={t('builder.sectionN', { n: String(reorder.index + 1) })}
      removeLabel={t('builder.removeSection')}
    >
      <Row gutter={[12, 12]}>
        {showKeys && (
          <Col xs={24} md={8}>
            <KeyInput
              label={t('builder.sectionKey')}
              id={domIdOf([...path, 'key'])}
              testId="builder-section-key"
              value={section.key}
              onChange={(key) => set({ key })}
            />
          </Col>
        )}
        <Col xs={24}>
          <LocalizedInput
            label={t('builder.sectionTitle')}
            value={section.title}
            idBase={domIdOf([...path, 'title'])}
            required
            testId="builder-section-title"
            onChange={(title) => set({ title })}
          />
        </Col>
        <Col xs={24}>
          <LocalizedInput
            label={t('builder.hint')}
            value={section.hint}
            idBase={domIdOf([...path, 'hint'])}
            onChange={(hint) => set({ hint })}
          />
        </Col>
      </Row>
      <div className="builder-fields">
        {section.fields.map((field, f) => (
          <FieldEditor
            key={field.uid}
            field={field}
            path={[...path, 'fields', f]}
            index={f}
            count={section.fields.length}
            showKeys={showKeys}
            onChange={(next) => set({ fields: section.fields.map((x, i) => (i === f ? next : x)) })}
            onMove={(to) => moveField(f, to)}
            onRemove={() => set({ fields: section.fields.filter((_, i) => i !== f) })}
            handle={fieldDrag.handleProps(f)}
            dropProps={fieldDrag.targetProps(f)}
            dropTarget={fieldDrag.isDropTarget(f)}
          />
        ))}
      </div>
      <Button
        icon={<PlusOutlined />}
        data-testid="builder-add-field"
        disabled={section.fields.length >= LIMITS.fieldsPerSection}
        onClick={() => set({ fields: [...section.fields, newField(freshKey('field', fieldKeys))] })}
      >
        {t('builder.addField')}
      </Button>
    </ReorderableCard>
  );
}
