import { Select } from 'antd';
import { useRegions } from '../api/org.js';
import { localName } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  className?: string;
}

export function RegionSelect({ value, onChange, placeholder, className }: Props) {
  const language = useLanguage();
  const regions = useRegions();
  return (
    <Select
      className={className}
      // before the regions have loaded, a chosen region would show as its id
      value={regions.data ? value : undefined}
      onChange={(next?: string) => onChange?.(next)}
      options={(regions.data ?? []).map((r) => ({ value: r.id, label: localName(r, language) }))}
      placeholder={placeholder}
      loading={regions.isLoading}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}
