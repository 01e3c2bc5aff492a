/**
 * What the web knows about one type of template field. Each type lives in one file of this
 * folder and is listed once in `registry.ts`; the value it saves is checked by core's
 * `valueSchema` (src/core/templates/content.ts), on the server and in the editor alike.
 */
import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import type { FieldDef, FieldType } from '../../core/templates/model.js';

export type FieldOf<T extends FieldType> = Extract<FieldDef, { type: T }>;

export interface InputProps<T extends FieldType> {
  field: FieldOf<T>;
  /** the working value: loose until saved (half-typed rows stay) */
  value: unknown;
  onChange: (value: unknown) => void;
  invalid?: boolean;
}

export interface DisplayProps<T extends FieldType> {
  field: FieldOf<T>;
  /** never empty (the caller shows "not filled"); may be malformed when it comes from history */
  value: unknown;
}

export interface SettingsProps<S> {
  value: S;
  onChange: (value: S) => void;
}

/**
 * The options a type adds to a field in the template builder. The builder keeps every type's
 * settings on each field, so that switching a field's type back and forth loses nothing.
 */
export interface Settings<T extends FieldType, S> {
  initial: () => S;
  /** from a saved definition */
  read: (field: FieldOf<T>) => S;
  /** the definition's type-specific properties; the builder validates them with core's schema */
  write: (settings: S) => Record<string, unknown>;
  Editor: ComponentType<SettingsProps<S>> | null;
}

export interface FieldKind<T extends FieldType, S> {
  Input: ComponentType<InputProps<T>>;
  Display: ComponentType<DisplayProps<T>>;
  settings: Settings<T, S>;
  /**
   * The working value as it would be saved: half-typed rows and blank items left out. Whatever
   * comes out empty is left out of the content altogether.
   */
  normalize?: (field: FieldOf<T>, value: unknown) => unknown;
  /** The name of a part of each row (a column, a goal's part), for issues found in it. */
  columnLabel?: (t: TFunction, column: string) => string;
}

/** For the types that have no options of their own. */
export function noSettings<T extends FieldType>(): Settings<T, null> {
  return { initial: () => null, read: () => null, write: () => ({}), Editor: null };
}
