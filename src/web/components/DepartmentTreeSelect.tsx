import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useDepartments } from '../api/org.js';
import type { Department } from '../../core/org.js';
import type { Locale } from '../../core/errors.js';
import { localName } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

/** The flat department list as a tree; a department whose parent is not listed becomes a root. */
function buildTree(departments: Department[], language: Locale): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const d of departments) {
    nodes.set(d.id, { value: d.id, title: localName(d, language), children: [] });
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
      value={value}
      onChange={(next?: string) => onChange?.(next)}
      treeData={treeData}
      placeholder={placeholder}
      loading={departments.isLoading}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
    />
  );
}
