import { useState, type DragEvent } from 'react';

/**
 * Reordering a list by native drag and drop: an item is picked up by its handle and dropped on
 * another item, which takes its place. Move up / down buttons beside the handle serve keyboard
 * and touch users (HTML5 drag and drop does not work with touch).
 */
export function useDragReorder(onMove: (from: number, to: number) => void) {
  const [from, setFrom] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const end = () => {
    setFrom(null);
    setOver(null);
  };
  return {
    handleProps: (index: number) => ({
      draggable: true,
      onDragStart: (event: DragEvent) => {
        // nested lists (fields in a section): the innermost one takes the drag
        event.stopPropagation();
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', String(index));
        setFrom(index);
      },
      onDragEnd: end,
    }),
    targetProps: (index: number) => ({
      onDragOver: (event: DragEvent) => {
        if (from === null) return;
        event.preventDefault();
        event.stopPropagation();
        setOver(index);
      },
      onDrop: (event: DragEvent) => {
        if (from === null) return;
        event.preventDefault();
        event.stopPropagation();
        onMove(from, index);
        end();
      },
    }),
    /** whether the item at `index` is where the dragged one would land */
    isDropTarget: (index: number) => from !== null && over === index && from !== index,
  };
}
