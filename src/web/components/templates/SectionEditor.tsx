import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row } from 'antd';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../core/templates/model.js';
import { domIdOf, freshKey, moveTo, newField, type SectionDraft } from '../../templates/builder.js';
import { useDragReorder } from '../../templates/useDragReorder.js';
import { FieldEditor } from './FieldEditor.js';
import { ItemControls } from './ItemControls.js';
import { KeyInput } from './KeyInput.js';
import { LocalizedInput } from './LocalizedInput.js';

type ControlProps = ComponentProps<typeof ItemControls>;

interface Props {
  section: SectionDraft;
  index: number;
  count: number;
  showKeys: boolean;
  /** every field key of the template, for the key of a field added here */
  fieldKeys: string[];
  onChange: (section: SectionDraft) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  handle: ControlProps['handle'];
  dropProps: Pick<ComponentProps<'div'>, 'onDragOver' | 'onDrop'>;
  dropTarget: boolean;
}

/** One section of the template: its key, title and hint, and its fields in order. */
export function SectionEditor({ section, index, count, showKeys, fieldKeys, ...props }: Props) {
  const { t } = useTranslation();
  const path = ['definition', 'sections', index];
  const set = (patch: Partial<SectionDraft>) => props.onChange({ ...section, ...patch });
  const moveField = (from: number, to: number) => set({ fields: moveTo(section.fields, from, to) });
  const fieldDrag = useDragReorder(moveField);

  return (
    <Card
      id={domIdOf(path)}
      tabIndex={-1}
      className={
        props.dropTarget ? 'section builder-section drop-target' : 'section builder-section'
      }
      data-testid="builder-section"
      title={t('builder.sectionN', { n: String(index + 1) })}
      extra={
        <ItemControls
          index={index}
          count={count}
          handle={props.handle}
          onMove={props.onMove}
          onRemove={props.onRemove}
          removeLabel={t('builder.removeSection')}
        />
      }
      {...props.dropProps}
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
    </Card>
  );
}
