import { useQuery } from '@tanstack/react-query';
import { Mentions } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mentionMarkup } from '../../core/records/mentions.js';
import { searchPeople } from '../api/collaboration.js';
import { useDebouncedValue } from '../hooks/useDebouncedValue.js';
import { useSession } from '../session.js';

interface Props {
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  rows?: number;
  placeholder?: string;
  status?: 'error';
  'aria-label'?: string;
  'data-testid'?: string;
}

const PREFIX = '@';

/**
 * A long text in which typing "@" and a few letters (a name or its pinyin) offers colleagues to
 * mention; choosing one writes `@[name](id)`, which grants that person access to the record and
 * notifies them. Grows with its content through CSS (antd's autoSize would break the CSP).
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
  const [search, setSearch] = useState('');
  // Only those who hold interviews look colleagues up (the server answers 403 to anyone else).
  const typed = useDebouncedValue(search.trim(), 250);
  const q = abilities.interview ? typed : '';
  const people = useQuery({
    queryKey: ['people', q],
    queryFn: () => searchPeople(q),
    enabled: q.length > 0,
    staleTime: 60_000,
  });
  // The option's value follows the prefix the user typed: together they are the markup.
  const options =
    q.length > 0
      ? (people.data?.items ?? []).map((person) => ({
          key: person.id,
          value: mentionMarkup(person.name, person.id).slice(PREFIX.length),
          label: (
            <span data-testid="mention-option">
              {person.name} <span className="muted">· {person.departmentName}</span>
            </span>
          ),
        }))
      : [];

  return (
    <div className="mention-input" data-testid={rest['data-testid']}>
      <Mentions
        aria-label={rest['aria-label']}
        className="auto-grow"
        value={value}
        onChange={onChange}
        onSearch={(text) => setSearch(text)}
        prefix={PREFIX}
        options={options}
        filterOption={false}
        loading={people.isFetching}
        notFoundContent={q.length > 0 && !people.isFetching ? t('mentions.noMatch') : null}
        rows={rows}
        maxLength={maxLength}
        placeholder={placeholder}
        status={status}
      />
      <div className="input-count muted">
        {value.length} / {maxLength}
      </div>
    </div>
  );
}
