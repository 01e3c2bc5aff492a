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
  value?: string[];
  onChange?: (value: string[]) => void;
  /** people already chosen, so their names show before any search */
  known?: { id: string; name: string }[];
  placeholder?: string;
  onLabels?: (labels: Record<string, string>) => void;
  'data-testid'?: string;
}

/** Picks several employees by searching the directory on the server. */
export function EmployeeMultiPicker({
  value,
  onChange,
  known = [],
  placeholder,
  onLabels,
  ...rest
}: Props) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const results = useQuery({
    queryKey: ['directory', 'picker', q],
    queryFn: () => searchEmployees({ q, status: 'active' }, null, 20),
    enabled: q.length > 0,
  });
  const [picked, setPicked] = useState<Record<string, string>>({});
  const labels: Record<string, string> = {
    ...Object.fromEntries(known.map((k) => [k.id, k.name])),
    ...picked,
  };
  const options: Option[] = (results.data?.items ?? []).map((e) => ({
    value: e.id,
    label: `${e.name} (${e.employeeNo})`,
  }));
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
      loading={results.isFetching}
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={null}
      maxCount={20}
    />
  );
}
