import { createHash } from 'node:crypto';
import {
  PREVIEW_ROWS,
  type ImportPreview,
  type PreviewDepartment,
  type PreviewEmployee,
  type SheetKind,
} from '../../../core/import.js';
import type { OrgPlan } from '../org/plan.js';
import type { ParsedFile } from './parse.js';
import { headerIn, type ImportPlan } from './plan.js';
import type { OrgSnapshot, SnapshotEmployee } from './repo.js';

/** What an import changes: the plan cut to what differs, described for the user, and its token. */
export interface ImportChanges {
  plan: OrgPlan;
  preview: ImportPreview;
}

/**
 * Splits a plan into what it creates, what it changes (and which columns) and what the
 * organisation already holds as the file has it; only the first two are written. The token is a
 * digest of the file and of every change described, so a confirmation applies only while the
 * same file still makes exactly the changes that were shown.
 */
export function describeChanges(
  file: ParsedFile,
  fileSha256: string,
  snapshot: OrgSnapshot,
  plan: ImportPlan,
  phoneOf: (employee: SnapshotEmployee) => string | null,
): ImportChanges {
  const header = (kind: SheetKind, column: string) =>
    headerIn(
      file.sheets.find((s) => s.kind === kind),
      column,
    );
  const departmentById = new Map(snapshot.departments.map((d) => [d.id, d]));
  const regionName = new Map(
    [...snapshot.regions, ...plan.newRegions].map((r) => [r.id, r.name] as const),
  );
  const positionName = new Map(
    [...snapshot.positions, ...plan.newPositions].map((p) => [p.id, p.name] as const),
  );
  const codeOf = new Map(
    [...snapshot.departments, ...plan.departments.map((d) => d.row)].map((d) => [d.id, d.code]),
  );
  const employeeById = new Map(snapshot.employees.map((e) => [e.id, e]));
  const departments = plan.departments.map(({ row, isNew, line }) => {
    const before = departmentById.get(row.id);
    const changes = before
      ? [
          before.name !== row.name && 'name',
          before.name_en !== row.name_en && 'name_en',
          before.region_id !== row.region_id && 'region',
          (before.parent_id !== row.parent_id || before.path !== row.path) && 'parent_code',
        ]
          .filter((c): c is string => Boolean(c))
          .map((c) => header('departments', c))
      : [];
    const item: PreviewDepartment = {
      row: line,
      code: row.code,
      name: row.name,
      region: regionName.get(row.region_id) ?? '',
      parentCode: row.parent_id ? (codeOf.get(row.parent_id) ?? null) : null,
      changes,
    };
    return { planned: { row, isNew }, item, isNew };
  });

  const employees = plan.employees.map(({ row, isNew, line }) => {
    const before = employeeById.get(row.id);
    const changes = before
      ? [
          before.name !== row.name && 'name',
          before.email !== row.email && 'email',
          phoneOf(before) !== row.phone && 'phone',
          before.department_id !== row.department_id && 'department_code',
          before.position_id !== row.position_id && 'position',
          before.manager_id !== row.manager_id && 'manager_no',
          before.hire_date !== row.hire_date && 'hire_date',
          before.status !== row.status && 'status',
        ]
          .filter((c): c is string => Boolean(c))
          .map((c) => header('employees', c))
      : [];
    const item: PreviewEmployee = {
      row: line,
      employeeNo: row.employee_no,
      name: row.name,
      departmentCode: codeOf.get(row.department_id) ?? '',
      position: row.position_id ? (positionName.get(row.position_id) ?? null) : null,
      changes,
    };
    return { planned: { row, isNew }, item, isNew };
  });

  const changeSet = <T>(all: { item: T & { changes: string[] }; isNew: boolean }[]) => {
    const created = all.filter((x) => x.isNew).map((x) => x.item);
    const changed = all.filter((x) => !x.isNew && x.item.changes.length > 0).map((x) => x.item);
    return {
      all: { created, changed },
      summary: {
        created: created.length,
        changed: changed.length,
        unchanged: all.length - created.length - changed.length,
        createdItems: created.slice(0, PREVIEW_ROWS),
        changedItems: changed.slice(0, PREVIEW_ROWS),
      },
    };
  };
  const departmentSet = changeSet(departments);
  const employeeSet = changeSet(employees);
  const regions = plan.newRegions.map((r) => r.name);
  const positions = plan.newPositions.map((p) => p.name);
  const token = createHash('sha256')
    .update(JSON.stringify([fileSha256, regions, positions, departmentSet.all, employeeSet.all]))
    .digest('hex');
  const written = <T extends { isNew: boolean; item: { changes: string[] } }>(all: T[]) =>
    all.filter((x) => x.isNew || x.item.changes.length > 0);
  return {
    plan: {
      newRegions: plan.newRegions,
      newPositions: plan.newPositions,
      departments: written(departments).map((x) => x.planned),
      employees: written(employees).map((x) => x.planned),
    },
    preview: {
      token,
      format: file.format,
      regions,
      positions,
      departments: departmentSet.summary,
      employees: employeeSet.summary,
    },
  };
}
