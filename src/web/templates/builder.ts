/**
 * The template builder's working state and its way to and from the API's definition. What each
 * field type adds (its settings) comes from the field registry.
 */
import {
  createTemplateSchema,
  type CreateTemplateInput,
  type TemplateDetail,
} from '../../core/templates/api.js';
import { issueOf, type ValidationIssue } from '../../core/issues.js';
import type { FieldDef, FieldType, Localized } from '../../core/templates/model.js';
import type { LocalizedDraft } from '../components/templates/LocalizedInput.js';
import { initialSettings, kindOf, type AllSettings } from '../fields/registry.js';
import type { CodedIssue } from '../issues.js';

export interface FieldDraft {
  uid: string;
  key: string;
  type: FieldType;
  label: LocalizedDraft;
  hint: LocalizedDraft;
  required: boolean;
  managerOnly: boolean;
  filledBy: 'interviewer' | 'employee';
  /** the options of every type, so that switching the type back and forth loses nothing */
  settings: AllSettings;
}

export interface SectionDraft {
  uid: string;
  key: string;
  title: LocalizedDraft;
  hint: LocalizedDraft;
  fields: FieldDraft[];
}

export interface BuilderState {
  name: LocalizedDraft;
  description: LocalizedDraft;
  sections: SectionDraft[];
}

let counter = 0;
/** A key for React lists; never sent to the server. */
export function uid(): string {
  counter += 1;
  return `u${counter}`;
}

const empty = (): LocalizedDraft => ({ zh: '', en: '' });

/** A key not used by any other field (or section): `field1`, `field2`, ... */
export function freshKey(prefix: string, used: Iterable<string>): string {
  const taken = new Set(used);
  for (let n = 1; ; n += 1) {
    const key = `${prefix}${n}`;
    if (!taken.has(key)) return key;
  }
}

export function allFieldKeys(state: BuilderState): string[] {
  return state.sections.flatMap((s) => s.fields.map((f) => f.key));
}

export function newField(key: string, type: FieldType = 'longText'): FieldDraft {
  return {
    uid: uid(),
    key,
    type,
    label: empty(),
    hint: empty(),
    required: false,
    managerOnly: false,
    filledBy: 'interviewer',
    settings: initialSettings(),
  };
}

export function newSection(key: string, fieldKey: string): SectionDraft {
  return { uid: uid(), key, title: empty(), hint: empty(), fields: [newField(fieldKey)] };
}

export function emptyState(): BuilderState {
  return { name: empty(), description: empty(), sections: [newSection('section1', 'field1')] };
}

function fieldDraftOf(field: FieldDef): FieldDraft {
  const draft = newField(field.key, field.type);
  draft.label = { ...field.label };
  draft.hint = field.hint ? { ...field.hint } : empty();
  draft.required = field.required;
  draft.managerOnly = field.managerOnly;
  draft.filledBy = field.filledBy;
  draft.settings = { ...draft.settings, [field.type]: kindOf(field.type).settings.read(field) };
  return draft;
}

export function stateOf(detail: TemplateDetail): BuilderState {
  return {
    name: { ...detail.name },
    description: { ...detail.description },
    sections: detail.definition.sections.map((s) => ({
      uid: uid(),
      key: s.key,
      title: { ...s.title },
      hint: s.hint ? { ...s.hint } : empty(),
      fields: s.fields.map(fieldDraftOf),
    })),
  };
}

/** An optional pair of texts: left out when both are blank, checked by the schema otherwise. */
function optional(text: LocalizedDraft): Localized | undefined {
  return text.zh.trim() || text.en.trim() ? { zh: text.zh.trim(), en: text.en.trim() } : undefined;
}

const trimmed = (text: LocalizedDraft): Localized => ({ zh: text.zh.trim(), en: text.en.trim() });

function fieldOf(draft: FieldDraft): Record<string, unknown> {
  const common = {
    key: draft.key.trim(),
    label: trimmed(draft.label),
    ...(optional(draft.hint) ? { hint: optional(draft.hint) } : {}),
    required: draft.required,
    managerOnly: draft.filledBy === 'employee' ? false : draft.managerOnly,
    filledBy: draft.filledBy,
    type: draft.type,
  };
  return { ...common, ...kindOf(draft.type).settings.write(draft.settings[draft.type]) };
}

/** The request body, unchecked: `validate` says whether the server would accept it. */
export function inputOf(state: BuilderState): unknown {
  return {
    name: trimmed(state.name),
    description: { zh: state.description.zh.trim(), en: state.description.en.trim() },
    definition: {
      sections: state.sections.map((s) => ({
        key: s.key.trim(),
        title: trimmed(s.title),
        ...(optional(s.hint) ? { hint: optional(s.hint) } : {}),
        fields: s.fields.map(fieldOf),
      })),
    },
  };
}

/** An issue of the definition, found here or by the server: where, and its stable code. */
export interface BuilderIssue extends CodedIssue {
  path: (string | number)[];
}

/** The same schema the server applies; an empty list means the server would take it. */
export function validate(
  state: BuilderState,
): { ok: true; input: CreateTemplateInput } | { ok: false; issues: BuilderIssue[] } {
  const parsed = createTemplateSchema.safeParse(inputOf(state));
  if (parsed.success) return { ok: true, input: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({
      path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
      ...issueOf(i),
    })),
  };
}

/** A VALIDATION issue of the server, its `body.definition.sections.0...` path as segments. */
export function serverIssue({ path, code, params }: ValidationIssue): BuilderIssue {
  return {
    path: path
      .split('.')
      .filter((p) => p !== '' && p !== 'body')
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    code,
    ...(params ? { params } : {}),
  };
}

/** `items` with the one at `from` moved to `to` (an index of the list as it is). */
export function moveTo<T>(items: T[], from: number, to: number): T[] {
  if (from === to || to < 0 || to >= items.length) return items;
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

/**
 * The element id of the builder's input at a path of the definition (`definition.sections.0.
 * fields.1.label.zh`), so that an issue found there can take the user to it.
 */
export function domIdOf(path: readonly (string | number)[]): string {
  return ['tb', ...path].join('-');
}

/** Whether an issue is about a section's or field's key, hidden until the user asks for keys. */
export function isKeyIssue(issue: BuilderIssue): boolean {
  return issue.path.at(-1) === 'key';
}
