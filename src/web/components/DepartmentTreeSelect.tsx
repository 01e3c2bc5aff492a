import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useDepartments } from '../api/org.js';
import type { Department } from '../../core/org.js';
import type { Locale } from '../../core/errors.js';
import { localName } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';

/**
 * The tree announces its active node's raw `value` to screen readers, so the id goes under a
 * name of its own (read through `fieldNames`) and `value` holds what is to be heard: the name.
 */
interface TreeNode {
  id: string;
  value: string;
  title: string;
  children: TreeNode[];
}

const FIELD_NAMES = { value: 'id', label: 'title' };

/** The flat department list as a tree; a department whose parent is not listed becomes a root. */
function buildTree(departments: Department[], language: Locale): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const d of departments) {
    const name = localName(d, language);
    nodes.set(d.id, { id: d.id, value: name, title: name, children: [] });
  }
  const roots: TreeNode[] = [];
  for (const d of departments) {
    const node = nodes.get(d.id);
    if (!node) continue;
    const parent = d.parentId ? nodes.get(d.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  className?: string;
}

/** Controlled like any form input, so it works both in a `Form.Item` and as a filter. */
export function DepartmentTreeSelect({ value, onChange, placeholder, className }: Props) {
  const language = useLanguage();
  const departments = useDepartments();
  const treeData = useMemo(
    () => buildTree(departments.data ?? [], language),
    [departments.data, language],
  );
  return (
    <TreeSelect
      className={className}
      // before the tree has loaded, a chosen department would show as its id
      value={departments.data ? value : undefined}
      onChange={(next?: string) => onChange?.(next)}
      treeData={treeData}
      fieldNames={FIELD_NAMES}
      placeholder={placeholder}
      loading={departments.isLoading}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
    />
  );
}
