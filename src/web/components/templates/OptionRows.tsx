import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props<T> {
  title?: string;
  items: T[];
  onChange: (items: T[]) => void;
  /** the row's inputs; `set` replaces this row */
  row: (item: T, set: (item: T) => void) => ReactNode;
  newItem: () => T;
  addLabel: string;
  min?: number;
  max: number;
  children?: ReactNode;
}

/** The rows of a type's options in the builder (levels, choices, skills): edit, add, remove. */
export function OptionRows<T>({
  title,
  items,
  onChange,
  row,
  newItem,
  addLabel,
  ...rest
}: Props<T>) {
  const { t } = useTranslation();
  const { min = 0, max, children } = rest;
  return (
    <div className="builder-options">
      {title && <div className="builder-options-title">{title}</div>}
      {items.map((item, i) => (
        <div className="builder-option-row" key={i}>
          {row(item, (next) => onChange(items.map((x, j) => (j === i ? next : x))))}
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('common.remove')}
            disabled={items.length <= min}
            onClick={() => onChange(items.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <div className="builder-flags">
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={items.length >= max}
          onClick={() => onChange([...items, newItem()])}
        >
          {addLabel}
        </Button>
        {children}
      </div>
    </div>
  );
}
