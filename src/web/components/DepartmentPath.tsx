import type { DepartmentPath as Path } from '../../core/org.js';

/**
 * A department by its path (华东 / 上海制造基地 / 一车间 / 一车间甲班组), so that two of the
 * same name are told apart. Where space runs short, what leads to the department gives way first
 * (cut with an ellipsis), then its own name; the whole path is always in the title.
 */
export function DepartmentPath({ path }: { path: Path }) {
  const parents = path.slice(0, -1);
  return (
    <span className="department-path" title={path.join(' / ')} data-testid="department-path">
      {parents.length > 0 && <span className="department-path-parents">{parents.join(' / ')}</span>}
      <span className="department-path-name">{path.at(-1)}</span>
    </span>
  );
}
