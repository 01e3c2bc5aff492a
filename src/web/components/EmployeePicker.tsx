import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { searchEmployees } from '../api/directory.js';
import { useDebouncedValue } from '../hooks/useDebouncedValue.js';

interface Option {
  value: string;
  label: string;
}

interface Props {
  value?: string;
  /** `label`: how the chosen employee is shown, to show it again later (a filter in the URL) */
  onChange?: (value: string | undefined, label?: string) => void;
  placeholder?: string;
  /** the label of a value chosen before this picker existed (a preselected employee) */
  initialOption?: Option;
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
  disabled,
  className,
  ...rest
}: Props) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const results = useQuery({
    queryKey: ['directory', 'picker', q],
    queryFn: () => searchEmployees({ q, status: 'active' }, null, 20),
    enabled: q.length > 0,
  });
  // The chosen employee stays an option after the search moves on, or its id would show.
  const [picked, setPicked] = useState<Option | null>(initialOption ?? null);
  const options: Option[] = (results.data?.items ?? []).map((e) => ({
    value: e.id,
    label: `${e.name} (${e.employeeNo}) · ${e.department.name}`,
  }));
  if (picked && picked.value === value && !options.some((o) => o.value === picked.value)) {
    options.unshift(picked);
  }

  return (
    <Select
      data-testid={rest['data-testid']}
      className={className}
      disabled={disabled}
      value={value}
      onChange={(next?: string, option?: Option | Option[]) => {
        const chosen = option && !Array.isArray(option) ? option : null;
        setPicked(chosen);
        onChange?.(next, chosen?.label);
      }}
      options={options}
      placeholder={placeholder}
      loading={results.isFetching}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={null}
    />
  );
}
