import { useQuery } from '@tanstack/react-query';
import { Input, type GetRef } from 'antd';
import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { searchPeople } from '../api/collaboration.js';
import { useDebouncedValue } from '../hooks/useDebouncedValue.js';
import { useSession } from '../session.js';
import { DepartmentPath } from './DepartmentPath.js';
import {
  applyEdit,
  draftOf,
  insertMention,
  markupOf,
  mentionQuery,
  type MentionDraft,
  type MentionQuery,
} from './mentionDraft.js';

interface Props {
  /** the stored text, mentions as `@[name](id)` markup */
  value: string;
  onChange: (value: string) => void;
  /** counts what the user sees: a mention as `@name` */
  maxLength: number;
  rows?: number;
  placeholder?: string;
  status?: 'error';
  'aria-label'?: string;
  'data-testid'?: string;
}

/**
 * A long text in which typing "@" and a few letters (a name or its pinyin) offers colleagues to
 * mention, which grants them access to the record and notifies them. The text area shows a
 * mention as `@name` and deletes it as one piece; its id stays in the stored markup only.
 * Grows with its content through CSS (antd's autoSize would break the CSP).
 */
export function MentionTextArea({
  value,
  onChange,
  maxLength,
  rows = 3,
  placeholder,
  status,
  ...rest
}: Props) {
  const { t } = useTranslation();
  const { abilities } = useSession();
  const listId = useId();
  const draft = useMemo(() => draftOf(value), [value]);
  const textArea = useRef<GetRef<typeof Input.TextArea>>(null);
  // Where the caret goes once the text the area shows is not the one the user typed.
  const caretAfterRender = useRef<number | null>(null);
  const [search, setSearch] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);

  // Only those who hold interviews look colleagues up (the server answers 403 to anyone else).
  const typed = useDebouncedValue(search?.query.trim() ?? '', 250);
  const q = abilities.interview && search ? typed : '';
  const people = useQuery({
    queryKey: ['people', q],
    queryFn: () => searchPeople(q),
    enabled: q.length > 0,
    staleTime: 60_000,
  });
  const options = q.length > 0 ? (people.data?.items ?? []) : [];
  const open = q.length > 0 && !people.isFetching;

  useLayoutEffect(() => {
    const caret = caretAfterRender.current;
    const element = textArea.current?.resizableTextArea?.textArea;
    if (caret === null || !element) return;
    caretAfterRender.current = null;
    element.setSelectionRange(caret, caret);
  });

  const commit = (next: MentionDraft, caret: number, shown: string) => {
    if (next.text !== shown) caretAfterRender.current = caret;
    setSearch(mentionQuery(next, caret));
    setActive(0);
    onChange(markupOf(next));
  };

  const pick = (index: number) => {
    const person = options[index];
    if (!search || !person) return;
    const next = insertMention(draft, search, person);
    commit(next.draft, next.caret, draft.text);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      setSearch(null);
      return;
    }
    if (options.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + options.length) % options.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(active);
    }
  };

  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <div className="mention-input" data-testid={rest['data-testid']}>
      <div className="mention-box">
        <Input.TextArea
          ref={textArea}
          aria-label={rest['aria-label']}
          aria-autocomplete="list"
          aria-controls={open && options.length > 0 ? listId : undefined}
          aria-activedescendant={open && options.length > 0 ? optionId(active) : undefined}
          className="auto-grow"
          value={draft.text}
          onChange={(event) => {
            const { value: shown, selectionEnd } = event.target;
            const next = applyEdit(draft, shown, selectionEnd);
            commit(next.draft, next.caret, shown);
          }}
          onSelect={(event) => {
            const caret = event.currentTarget.selectionEnd;
            const found = mentionQuery(draft, caret);
            if (found?.at !== search?.at) setSearch(found);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setSearch(null)}
          rows={rows}
          maxLength={maxLength}
          placeholder={placeholder}
          status={status}
        />
        {open && (
          <div className="mention-options">
            {options.length > 0 ? (
              <ul role="listbox" id={listId} aria-label={t('mentions.suggestions')}>
                {options.map((person, index) => (
                  <li
                    key={person.id}
                    id={optionId(index)}
                    role="option"
                    aria-selected={index === active}
                    className={index === active ? 'mention-option active' : 'mention-option'}
                    data-testid="mention-option"
                    // keeps the focus (and the caret) in the text area
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => pick(index)}
                  >
                    <span className="mention-option-name">{person.name}</span>{' '}
                    <DepartmentPath path={person.departmentPath} />
                  </li>
                ))}
              </ul>
            ) : (
              <div className="mention-empty muted" role="status">
                {t('mentions.noMatch')}
              </div>
            )}
          </div>
        )}
      </div>
      <div className="input-count muted" data-testid="mention-count">
        {draft.text.length} / {maxLength}
      </div>
    </div>
  );
}
