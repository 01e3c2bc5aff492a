import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  HolderOutlined,
} from '@ant-design/icons';
import { Button, Card } from 'antd';
import type { ComponentProps, DragEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { domIdOf } from '../../templates/builder.js';

/** Where a section or field stands among its siblings, and how it moves. */
export interface Reorder {
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
  /** what makes the card a place to drop a dragged sibling */
  dropProps: Pick<ComponentProps<'div'>, 'onDragOver' | 'onDrop'>;
  dropTarget: boolean;
}

type Props = Omit<Reorder, 'dropProps' | 'dropTarget'> & { removeLabel: string };

/** A section's or field's drag handle, move up / down and remove buttons. */
function ItemControls({ index, count, handle, onMove, onRemove, removeLabel }: Props) {
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

/**
 * A section's or field's card: found by its path (the error summary scrolls to it), dragged by its
 * handle, a drop target for its siblings, with the move and remove buttons in its corner.
 */
export function ReorderableCard({
  reorder,
  path,
  className,
  testId,
  title,
  removeLabel,
  size,
  children,
}: {
  reorder: Reorder;
  path: (string | number)[];
  className: string;
  testId: string;
  title: string;
  removeLabel: string;
  size?: 'small';
  children: ReactNode;
}) {
  const { dropProps, dropTarget, ...controls } = reorder;
  return (
    <Card
      size={size}
      id={domIdOf(path)}
      tabIndex={-1}
      className={dropTarget ? `${className} drop-target` : className}
      data-testid={testId}
      title={title}
      extra={<ItemControls {...controls} removeLabel={removeLabel} />}
      {...dropProps}
    >
      {children}
    </Card>
  );
}
