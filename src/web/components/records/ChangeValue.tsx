import { useTranslation } from 'react-i18next';
import { allFields, type TemplateDefinition } from '../../../core/templates/model.js';
import { FieldValue } from '../../fields/registry.js';
import { formatDateTimeShort, localized } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { INFO_KEYS, type InfoKey } from '../../records/content.js';

export function isInfoKey(name: string): name is InfoKey {
  return (INFO_KEYS as readonly string[]).includes(name);
}

/** The label of a changed item: a basic-info name, a template field's label, or the raw key. */
export function useChangeLabel(definition: TemplateDefinition) {
  const { t } = useTranslation();
  const language = useLanguage();
  const fields = new Map(allFields(definition).map((f) => [f.key, f]));
  return (name: string): string => {
    if (isInfoKey(name)) return t(`record.info.${name}`);
    const field = fields.get(name);
    return field ? localized(field.label, language) : name;
  };
}

interface Props {
  /** a basic-info key (`topic`, ...) or a field key */
  name: string;
  value: unknown;
  definition: TemplateDefinition;
  nameOf: (employeeId: string) => string;
}

/** One value of a record, basic info or content, rendered for reading. */
export function ChangeValue({ name, value, definition, nameOf }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const empty = <span className="muted">{t('record.notFilled')}</span>;
  if (isInfoKey(name)) {
    if (value === null || value === undefined || value === '') return empty;
    switch (name) {
      case 'interviewAt':
        return <span>{safe(() => formatDateTimeShort(String(value), language), value)}</span>;
      case 'placeKind':
        return <span>{value === 'online' ? t('record.online') : t('record.room')}</span>;
      case 'participantIds': {
        const ids = Array.isArray(value) ? (value as string[]) : [];
        if (ids.length === 0) return empty;
        return (
          <ul className="list-value">
            {ids.map((id) => (
              <li key={id}>{nameOf(id)}</li>
            ))}
          </ul>
        );
      }
      default:
        return <div className="text-value">{String(value)}</div>;
    }
  }
  const field = allFields(definition).find((f) => f.key === name);
  if (!field) return <pre className="raw-value">{JSON.stringify(value, null, 2)}</pre>;
  return <FieldValue field={field} value={value} />;
}

function safe(format: () => string, raw: unknown): string {
  try {
    return format();
  } catch {
    return String(raw);
  }
}
