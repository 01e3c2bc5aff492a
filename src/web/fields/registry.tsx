/**
 * Every field type the web can show, fill in and build, one entry each. Adding a type: its
 * definition and value schema in core (templates/model.ts, templates/content.ts), one file in
 * this folder, one line here (the compiler asks for it once the type is in FIELD_TYPES).
 */
import { useTranslation } from 'react-i18next';
import type { FieldDef, FieldType } from '../../core/templates/model.js';
import { choice } from './choice.js';
import { date } from './date.js';
import type { FieldKind } from './kind.js';
import { kpiTable } from './kpiTable.js';
import { list } from './list.js';
import { longText } from './longText.js';
import { number } from './number.js';
import { rating } from './rating.js';
import { skillMatrix } from './skillMatrix.js';
import { smartGoals } from './smartGoals.js';
import { isEmptyValue } from './values.js';

export const FIELD_KINDS = {
  longText,
  rating,
  kpiTable,
  list,
  smartGoals,
  skillMatrix,
  choice,
  number,
  date,
} satisfies { [T in FieldType]: Pick<FieldKind<T, unknown>, 'Input' | 'Display'> };

/** The builder's settings of one type, as its entry holds them. */
export type SettingsOf<T extends FieldType> =
  (typeof FIELD_KINDS)[T] extends FieldKind<T, infer S> ? S : never;

/** Every type's settings at once: a builder field keeps them all. */
export type AllSettings = { [T in FieldType]: SettingsOf<T> };

// One entry seen through the field it serves; the registry's type pairs them, so this is sound.
type AnyKind = FieldKind<FieldType, unknown>;
export function kindOf(type: FieldType): AnyKind {
  return FIELD_KINDS[type] as unknown as AnyKind;
}

/** The input for one template field, by its type. */
export function FieldInput(props: {
  field: FieldDef;
  value: unknown;
  onChange: (value: unknown) => void;
  invalid?: boolean;
}) {
  const { Input } = kindOf(props.field.type);
  return <Input {...props} />;
}

/** A field's value for reading: the record for its employee, history entries, conflicts. */
export function FieldValue({ field, value }: { field: FieldDef; value: unknown }) {
  const { t } = useTranslation();
  if (isEmptyValue(value)) return <span className="muted">{t('record.notFilled')}</span>;
  const { Display } = kindOf(field.type);
  return <Display field={field} value={value} />;
}

/** The value as it would be saved, or undefined when the field is empty. */
export function normalizeValue(field: FieldDef, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  const normalize = kindOf(field.type).normalize;
  const result = normalize ? normalize(field, value) : value;
  return isEmptyValue(result) ? undefined : result;
}

export function initialSettings(): AllSettings {
  return Object.fromEntries(
    Object.entries(FIELD_KINDS).map(([type, kind]) => [type, kind.settings.initial()]),
  ) as AllSettings;
}
