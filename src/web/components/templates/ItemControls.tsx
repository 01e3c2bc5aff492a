import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  HolderOutlined,
} from '@ant-design/icons';
import { Button } from 'antd';
import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  index: number;
  count: number;
  /** what makes the handle draggable (`useDragReorder`'s `handleProps`) */
  handle: {
    draggable: boolean;
    onDragStart: (event: DragEvent) => void;
    onDragEnd: () => void;
  };
  onMove: (to: number) => void;
  onRemove: () => void;
  removeLabel: string;
}

/** A section's or field's drag handle, move up / down and remove buttons. */
export function ItemControls({ index, count, handle, onMove, onRemove, removeLabel }: Props) {
  const { t } = useTranslation();
  return (
    <div className="builder-buttons">
      <span
        className="drag-handle"
        title={t('builder.dragToMove')}
        data-testid="builder-drag-handle"
        {...handle}
      >
        <HolderOutlined />
      </span>
      <Button
        type="text"
        size="small"
        icon={<ArrowUpOutlined />}
        aria-label={t('common.moveUp')}
        disabled={index === 0}
        onClick={() => onMove(index - 1)}
      />
      <Button
        type="text"
        size="small"
        icon={<ArrowDownOutlined />}
        aria-label={t('common.moveDown')}
        disabled={index === count - 1}
        onClick={() => onMove(index + 1)}
      />
      <Button
        type="text"
        size="small"
        danger
        icon={<DeleteOutlined />}
        aria-label={removeLabel}
        disabled={count === 1}
        onClick={onRemove}
      />
    </div>
  );
}
