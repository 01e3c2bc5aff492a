import { useTranslation } from 'react-i18next';
import { allFields, type TemplateDefinition } from '../../../core/templates/model.js';
import { FieldValue } from '../../fields/registry.js';
import { isEmptyValue } from '../../fields/values.js';
import { formatDateTimeShort, localized } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { INFO_KEYS } from '../../records/content.js';

/** What a version holds besides the template's fields: the basic info, and who acts on it. */
const RECORD_KEYS = [...INFO_KEYS, 'interviewerId', 'returnComment'] as const;
type RecordKey = (typeof RECORD_KEYS)[number];

function isRecordKey(name: string): name is RecordKey {
  return (RECORD_KEYS as readonly string[]).includes(name);
}

/** The label of a changed item: a basic-info name or a template field's label, never a key. */
export function useChangeLabel(definition: TemplateDefinition) {
  const { t } = useTranslation();
  const language = useLanguage();
  const fields = new Map(allFields(definition).map((f) => [f.key, f]));
  return (name: string): string => {
    if (isRecordKey(name)) return t(`record.info.${name}`);
    const field = fields.get(name);
    return field ? localized(field.label, language) : t('record.history.otherField');
  };
}

interface Props {
  /** a basic-info key (`topic`, ...) or a field key */
  name: string;
  value: unknown;
  definition: TemplateDefinition;
  nameOf: (employeeId: string) => string;
}

/** One value of a record, basic info or content, rendered for reading; empty says so. */
export function ChangeValue({ name, value, definition, nameOf }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (isEmptyValue(value)) {
    return (
      <span className="muted" data-testid="change-empty">
        {t('record.history.emptyValue')}
      </span>
    );
  }
  if (isRecordKey(name)) {
    switch (name) {
      case 'interviewAt':
        return <span>{safe(() => formatDateTimeShort(String(value), language), value)}</span>;
      case 'placeKind':
        return <span>{value === 'online' ? t('record.online') : t('record.room')}</span>;
      case 'interviewerId':
        return <span>{nameOf(String(value))}</span>;
      case 'participantIds':
        return (
          <ul className="list-value">
            {(Array.isArray(value) ? (value as string[]) : []).map((id) => (
              <li key={id}>{nameOf(id)}</li>
            ))}
          </ul>
        );
      default:
        return <div className="text-value">{String(value)}</div>;
    }
  }
  const field = allFields(definition).find((f) => f.key === name);
  if (field) return <FieldValue field={field} value={value} />;
  // a field the template no longer describes: plain text, structured values only named
  return typeof value === 'object' ? (
    <span className="muted">{t('record.history.structured')}</span>
  ) : (
    <div className="text-value">{String(value)}</div>
  );
}

function safe(format: () => string, raw: unknown): string {
  try {
    return format();
  } catch {
    return String(raw);
  }
}
