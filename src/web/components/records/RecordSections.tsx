import { Card, Typography } from 'antd';
import type { FieldDef, TemplateDefinition } from '../../../core/templates/model.js';
import { localized } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { FieldInput, FieldValue } from '../../fields/registry.js';
import { VisibilityTag } from './VisibilityTag.js';

interface Props {
  /** as the server sent it: only the sections and fields this reader may see */
  definition: TemplateDefinition;
  valueOf: (field: FieldDef) => unknown;
  editable: (field: FieldDef) => boolean;
  onChange: (key: string, value: unknown) => void;
  /** field key → the message to show under it */
  errors: Record<string, string>;
  /** the fields carry their ids and test ids; false for a second copy on the page (a preview) */
  anchors?: boolean;
}

/** The record's content laid out by its template: one card per section, one block per field. */
export function RecordSections({
  definition,
  valueOf,
  editable,
  onChange,
  errors,
  anchors = true,
}: Props) {
  const language = useLanguage();
  return (
    <div className="record-sections">
      {definition.sections.map((section) => {
        return (
          <Card
            key={section.key}
            title={localized(section.title, language)}
            className="section record-section"
            data-testid={anchors ? `section-${section.key}` : undefined}
          >
            {section.hint && (
              <Typography.Paragraph type="secondary" className="section-hint">
                {localized(section.hint, language)}
              </Typography.Paragraph>
            )}
            {section.fields.map((field) => {
              const error = errors[field.key];
              const canEdit = editable(field);
              return (
                <div
                  key={field.key}
                  id={anchors ? `field-${field.key}` : undefined}
                  className={`record-field${error ? ' record-field-invalid' : ''}`}
                  data-testid={anchors ? `field-${field.key}` : 'preview-field'}
                  data-editable={canEdit}
                >
                  <div className="record-field-head">
                    <span className="record-field-label">
                      {field.required && <span className="required-mark">*</span>}
                      {localized(field.label, language)}
                    </span>
                    <VisibilityTag field={field} />
                  </div>
                  {field.hint && (
                    <div className="field-hint">{localized(field.hint, language)}</div>
                  )}
                  {canEdit ? (
                    <FieldInput
                      field={field}
                      value={valueOf(field)}
                      onChange={(value) => onChange(field.key, value)}
                      invalid={Boolean(error)}
                    />
                  ) : (
                    <FieldValue field={field} value={valueOf(field)} />
                  )}
                  {error && (
                    <div className="field-error" role="alert" data-testid="field-error">
                      {error}
                    </div>
                  )}
                </div>
              );
            })}
          </Card>
        );
      })}
    </div>
  );
}
