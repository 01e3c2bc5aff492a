import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntry } from '../../core/org.js';
import { searchEmployees } from '../api/directory.js';
import { useDebouncedValue } from '../hooks/useDebouncedValue.js';
import { DepartmentPath } from './DepartmentPath.js';

interface Option {
  value: string;
  label: string;
  entry?: DirectoryEntry;
}

/** How many of the reader's team are offered before anything is typed. */
const TEAM_SIZE = 50;

const optionOf = (e: DirectoryEntry): Option => ({
  value: e.id,
  label: `${e.name} (${e.employeeNo})`,
  entry: e,
});

/**
 * What both pickers share: the server's search as the user types and, with `team`, the reader's
 * own team before anything is typed; each answer lists people with their department's path, and
 * an empty one says what to try.
 */
function useEmployeeOptions(team: boolean) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const results = useQuery({
    queryKey: ['directory', 'picker', q, team],
    queryFn: () =>
      q
        ? searchEmployees({ q, status: 'active' }, null, 20)
        : searchEmployees({ team: 'mine', status: 'active' }, null, TEAM_SIZE),
    enabled: q.length > 0 || team,
  });
  const empty = q
    ? t('employeePicker.noMatch', { q })
    : team
      ? t('employeePicker.noTeam')
      : t('employeePicker.typeToSearch');
  return {
    options: (results.data?.items ?? []).map(optionOf),
    select: {
      loading: results.isFetching,
      showSearch: { filterOption: false, onSearch: setText },
      notFoundContent: results.isFetching ? (
        <Spin size="small" />
      ) : (
        <span className="muted" data-testid="employee-picker-empty">
          {empty}
        </span>
      ),
      optionRender: ({ data }: { data: Option }) =>
        data.entry ? (
          <span className="employee-option">
            <span className="employee-option-name">{data.label}</span>
            <DepartmentPath path={data.entry.department.path} />
          </span>
        ) : (
          data.label
        ),
    },
  };
}

interface Props {
  value?: string;
  /** `label`: how the chosen employee is shown, to show it again later (a filter in the URL) */
  onChange?: (value: string | undefined, label?: string) => void;
  placeholder?: string;
  /** the label of a value chosen before this picker existed (a preselected employee) */
  initialOption?: { value: string; label: string };
  /** offers the reader's own team before anything is typed */
  team?: boolean;
  disabled?: boolean;
  className?: string;
  'data-testid'?: string;
}

/** Picks one employee by searching the directory on the server, as the list is too big to load. */
export function EmployeePicker({
  value,
  onChange,
  placeholder,
  initialOption,
  team = false,
  disabled,
  className,
  ...rest
}: Props) {
  const { options, select } = useEmployeeOptions(team);
  // The chosen employee stays an option after the search moves on, or its id would show.
  const [picked, setPicked] = useState<Option | null>(initialOption ?? null);
  if (picked && picked.value === value && !options.some((o) => o.value === picked.value)) {
    options.unshift(picked);
  }

  return (
    <Select<string, Option>
      data-testid={rest['data-testid']}
      className={className}
      disabled={disabled}
      value={value}
      onChange={(next, option) => {
        const chosen = option && !Array.isArray(option) ? option : null;
        setPicked(chosen);
        onChange?.(next, chosen?.label);
      }}
      options={options}
      placeholder={placeholder}
      allowClear
      {...select}
    />
  );
}

interface MultiProps {
  value?: string[];
  onChange?: (value: string[]) => void;
  /** people already chosen, so their names show before any search */
  known?: { id: string; name: string }[];
  placeholder?: string;
  onLabels?: (labels: Record<string, string>) => void;
  team?: boolean;
  'data-testid'?: string;
}

/** Picks several employees, searching like `EmployeePicker`. */
export function EmployeeMultiPicker({
  value,
  onChange,
  known = [],
  placeholder,
  onLabels,
  team = false,
  ...rest
}: MultiProps) {
  const { options, select } = useEmployeeOptions(team);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const labels: Record<string, string> = {
    ...Object.fromEntries(known.map((k) => [k.id, k.name])),
    ...picked,
  };
  for (const id of value ?? []) {
    if (!options.some((o) => o.value === id))
      options.unshift({ value: id, label: labels[id] ?? id });
  }

  return (
    <Select<string[], Option>
      mode="multiple"
      data-testid={rest['data-testid']}
      value={value}
      onChange={(next, chosen) => {
        const more = Object.fromEntries(
          (Array.isArray(chosen) ? chosen : [chosen])
            .filter((o): o is Option => o !== undefined)
            .map((o) => [o.value, o.label]),
        );
        setPicked((old) => ({ ...old, ...more }));
        onLabels?.({ ...labels, ...more });
        onChange?.(next);
      }}
      options={options}
      placeholder={placeholder}
      maxCount={20}
      {...select}
    />
  );
}
