import {
  IMPORT_REASONS,
  requiredColumns,
  templateHeader,
  type ImportError,
  type ImportReason,
} from '../../../core/import.js';
import type { Locale } from '../../../core/errors.js';
import type { DepartmentTable, PositionTable, RegionTable } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { nameKeys } from '../org/name-keys.js';
import { departmentDepth, type OrgPlan, type PlannedEmployee } from '../org/plan.js';
import type { ParsedFile, ParsedSheet } from './parse.js';
import type { OrgSnapshot, SnapshotEmployee } from './repo.js';

export const MAX_IMPORT_ROWS = 200_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const STATUS: Record<string, 'active' | 'left'> = {
  在职: 'active',
  active: 'active',
  离职: 'left',
  left: 'left',
};
const REQUIRED = {
  departments: requiredColumns('departments'),
  employees: requiredColumns('employees'),
};
const LIMITS: Record<string, number> = {
  code: 64,
  name: 100,
  name_en: 200,
  employee_no: 64,
  email: 254,
  position: 100,
};

/** A column's header as the sheet spells it, or the template's when the sheet lacks it. */
export function headerIn(sheet: ParsedSheet | undefined, column: string): string {
  if (!column) return '';
  return sheet?.headers[column] ?? (sheet?.kind ? templateHeader(sheet.kind, column) : column);
}

class Errors {
  readonly list: ImportError[] = [];
  constructor(private readonly locale: Locale) {}
  /** `value`: the cell's content, echoed back when the problem is what it holds */
  add(
    sheet: ParsedSheet | undefined,
    row: number,
    column: string,
    code: ImportReason,
    value: string | null = null,
  ) {
    const r = IMPORT_REASONS[code];
    this.list.push({
      sheet: sheet?.name ?? null,
      row,
      column: headerIn(sheet, column),
      code,
      reason: this.locale === 'en-US' ? r.en : r.zh,
      value: value || null,
    });
  }
}

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** Required and length checks shared by both sheets; true when the row may be used further. */
function checkCells(
  errors: Errors,
  sheet: ParsedSheet,
  row: number,
  values: Record<string, string>,
  required: string[],
) {
  let ok = true;
  for (const column of required) {
    if (!values[column]) {
      errors.add(sheet, row, column, 'required');
      ok = false;
    }
  }
  for (const [column, value] of Object.entries(values)) {
    if (value.length > (LIMITS[column] ?? 100)) {
      errors.add(sheet, row, column, 'too_long', value);
      ok = false;
    }
  }
  return ok;
}

/** An org plan with, for each department and employee, its row in the file (0: not in it). */
export interface ImportPlan extends OrgPlan {
  departments: (OrgPlan['departments'][number] & { line: number })[];
  employees: (OrgPlan['employees'][number] & { line: number })[];
}

/**
 * Checks a parsed file against the current org and turns it into a plan, or lists every
 * problem (row, column, reason). Nothing is written here.
 */
export function planImport(
  file: ParsedFile,
  snapshot: OrgSnapshot,
  locale: Locale,
  now: string,
  phoneOf: (employee: SnapshotEmployee) => string | null,
): { plan: ImportPlan; errors: [] } | { plan: null; errors: ImportError[] } {
  const errors = new Errors(locale);
  let rowCount = 0;
  for (const sheet of file.sheets) {
    if (sheet.rows.length === 0) continue;
    rowCount += sheet.rows.length;
    if (!sheet.kind) errors.add(sheet, 1, '', 'unknown_sheet');
    else {
      const missing = REQUIRED[sheet.kind].filter((c) => !sheet.columns.includes(c));
      for (const column of missing) errors.add(sheet, 1, column, 'unknown_columns');
    }
  }
  if (rowCount === 0) errors.add(file.sheets[0], 1, '', 'empty');
  if (rowCount > MAX_IMPORT_ROWS) errors.add(file.sheets[0], 1, '', 'too_many_rows');
  if (errors.list.length > 0) return { plan: null, errors: errors.list };

  // ---- regions and departments ----
  const regionByKey = new Map<string, RegionTable>();
  for (const r of snapshot.regions) {
    regionByKey.set(r.code.toLowerCase(), r);
    regionByKey.set(r.name.toLowerCase(), r);
  }
  const newRegions: RegionTable[] = [];
  const regionFor = (key: string): RegionTable => {
    const found = regionByKey.get(key.toLowerCase());
    if (found) return found;
    const created = { id: newId(), code: key, name: key, name_en: null, created_at: now };
    newRegions.push(created);
    regionByKey.set(key.toLowerCase(), created);
    return created;
  };

  const deptByCode = new Map<string, DepartmentTable>(
    snapshot.departments.map((d) => [d.code, { ...d }]),
  );
  const existingDeptIds = new Set(snapshot.departments.map((d) => d.id));
  const parentCodeOf = new Map<string, string | null>();
  const idToCode = new Map(snapshot.departments.map((d) => [d.id, d.code]));
  for (const d of snapshot.departments)
    parentCodeOf.set(d.code, d.parent_id ? (idToCode.get(d.parent_id) ?? null) : null);
  const deptRows = new Map<string, number>();
  const touchedDepts = new Set<string>();

  for (const sheet of file.sheets.filter((s) => s.kind === 'departments')) {
    for (const { row, values } of sheet.rows) {
      if (!checkCells(errors, sheet, row, values, REQUIRED.departments)) continue;
      const code = values.code!;
      if (deptRows.has(code)) {
        errors.add(sheet, row, 'code', 'duplicate', code);
        continue;
      }
      deptRows.set(code, row);
      const region = regionFor(values.region!);
      const existing = deptByCode.get(code);
      deptByCode.set(code, {
        id: existing?.id ?? newId(),
        code,
        name: values.name!,
        name_en: values.name_en || existing?.name_en || null,
        region_id: region.id,
        parent_id: null,
        path: '',
        created_at: existing?.created_at ?? now,
        updated_at: now,
      });
      // a file without the column leaves the department where it is
      if (!existing || sheet.columns.includes('parent_code'))
        parentCodeOf.set(code, values.parent_code || null);
      touchedDepts.add(code);
    }
  }
  const deptSheet = file.sheets.find((s) => s.kind === 'departments');
  // Resolve parents and paths for the whole tree: a moved department moves its subtree.
  const pathOf = new Map<string, string | null>();
  const resolvePath = (code: string, seen: Set<string>): string | null => {
    if (pathOf.has(code)) return pathOf.get(code)!;
    const dept = deptByCode.get(code)!;
    const parentCode = parentCodeOf.get(code) ?? null;
    let path: string | null;
    if (!parentCode) path = `/${dept.id}/`;
    else if (seen.has(parentCode)) path = null;
    else if (!deptByCode.has(parentCode)) path = null;
    else {
      seen.add(code);
      const parentPath = resolvePath(parentCode, seen);
      path = parentPath ? `${parentPath}${dept.id}/` : null;
    }
    pathOf.set(code, path);
    return path;
  };
  for (const code of deptByCode.keys()) {
    const path = resolvePath(code, new Set([code]));
    const dept = deptByCode.get(code)!;
    const parentCode = parentCodeOf.get(code) ?? null;
    const row = deptRows.get(code) ?? 0;
    if (path === null) {
      errors.add(
        deptSheet,
        row,
        'parent_code',
        parentCode && !deptByCode.has(parentCode) ? 'unknown_parent' : 'department_cycle',
        parentCode,
      );
      continue;
    }
    const parent = parentCode ? deptByCode.get(parentCode)! : null;
    if (parent && touchedDepts.has(code) && parent.region_id !== dept.region_id) {
      const region = deptSheet?.rows.find((r) => r.row === row)?.values.region ?? null;
      errors.add(deptSheet, row, 'region', 'region_mismatch', region);
    }
    const before = snapshot.departments.find((d) => d.code === code);
    const next = { ...dept, parent_id: parent?.id ?? null, path };
    if (!before || touchedDepts.has(code) || before.path !== path) {
      deptByCode.set(code, next);
      touchedDepts.add(code);
    }
  }

  // ---- positions and employees ----
  const positionByName = new Map(snapshot.positions.map((p) => [p.name, p]));
  const newPositions: PositionTable[] = [];
  const positionFor = (name: string) => {
    let p = positionByName.get(name);
    if (!p) {
      p = { id: newId(), name, created_at: now };
      positionByName.set(name, p);
      newPositions.push(p);
    }
    return p;
  };

  const employeeByNo = new Map(snapshot.employees.map((e) => [e.employee_no, e]));
  const noById = new Map(snapshot.employees.map((e) => [e.id, e.employee_no]));
  const managerNoOf = new Map<string, string | null>(
    snapshot.employees.map((e) => [
      e.employee_no,
      e.manager_id ? (noById.get(e.manager_id) ?? null) : null,
    ]),
  );
  const planned = new Map<
    string,
    { row: PlannedEmployee; isNew: boolean; line: number; sheet: ParsedSheet }
  >();

  for (const sheet of file.sheets.filter((s) => s.kind === 'employees')) {
    for (const { row, values } of sheet.rows) {
      // every problem of a row is reported, not only the first
      let ok = checkCells(errors, sheet, row, values, REQUIRED.employees);
      const no = (values.employee_no ?? '').toUpperCase();
      if (no && planned.has(no)) {
        errors.add(sheet, row, 'employee_no', 'duplicate', values.employee_no);
        continue;
      }
      const dept = values.department_code ? deptByCode.get(values.department_code) : undefined;
      if (values.department_code && (!dept || !pathOf.get(dept.code))) {
        errors.add(sheet, row, 'department_code', 'unknown_department', values.department_code);
        ok = false;
      }
      if (values.email && !EMAIL.test(values.email)) {
        errors.add(sheet, row, 'email', 'invalid_email', values.email);
        ok = false;
      }
      if (values.phone && !PHONE.test(values.phone)) {
        errors.add(sheet, row, 'phone', 'invalid_phone', values.phone);
        ok = false;
      }
      if (values.hire_date && !validDate(values.hire_date)) {
        errors.add(sheet, row, 'hire_date', 'invalid_date', values.hire_date);
        ok = false;
      }
      const existing = employeeByNo.get(no);
      // a column the file leaves out keeps what the organisation holds about the person
      const inFile = (column: string) => !existing || sheet.columns.includes(column);
      const status = !inFile('status')
        ? existing!.status
        : values.status
          ? STATUS[values.status.toLowerCase()]
          : 'active';
      if (!status) {
        errors.add(sheet, row, 'status', 'invalid_status', values.status);
        ok = false;
      }
      const managerNo = values.manager_no ? values.manager_no.toUpperCase() : null;
      if (managerNo && managerNo === no) {
        errors.add(sheet, row, 'manager_no', 'self_manager', values.manager_no);
        ok = false;
      }
      if (!ok || !dept || !status) continue;
      const keys = nameKeys(values.name!);
      planned.set(no, {
        isNew: !existing,
        line: row,
        sheet,
        row: {
          id: existing?.id ?? newId(),
          employee_no: no,
          name: values.name!,
          name_pinyin: keys.pinyin,
          name_initials: keys.initials,
          email: inFile('email') ? values.email || null : existing!.email,
          phone: inFile('phone') ? values.phone || null : phoneOf(existing!),
          department_id: dept.id,
          position_id: !inFile('position')
            ? existing!.position_id
            : values.position
              ? positionFor(values.position).id
              : null,
          manager_id: null,
          hire_date: inFile('hire_date') ? values.hire_date || null : existing!.hire_date,
          status,
          // a person who had left keeps the day they left
          left_at: status === 'left' ? (existing?.left_at ?? now) : null,
          created_at: existing?.created_at ?? now,
          updated_at: now,
        },
      });
      if (inFile('manager_no')) managerNoOf.set(no, managerNo);
    }
  }

  // Managers must exist, and the chain above each imported person must end.
  for (const [no, p] of planned) {
    const managerNo = managerNoOf.get(no) ?? null;
    if (!managerNo) continue;
    const manager = planned.get(managerNo)?.row ?? employeeByNo.get(managerNo);
    if (!manager) {
      errors.add(p.sheet, p.line, 'manager_no', 'unknown_manager', managerNo);
      continue;
    }
    p.row.manager_id = manager.id;
    const seen = new Set([no]);
    for (let m: string | null = managerNo; m; m = managerNoOf.get(m) ?? null) {
      if (seen.has(m)) {
        errors.add(p.sheet, p.line, 'manager_no', 'manager_cycle', managerNo);
        break;
      }
      seen.add(m);
    }
  }
  if (errors.list.length > 0) {
    errors.list.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row);
    return { plan: null, errors: errors.list };
  }

  const depth = (no: string) => {
    let d = 0;
    for (let m = managerNoOf.get(no) ?? null; m && planned.has(m); m = managerNoOf.get(m) ?? null)
      d++;
    return d;
  };
  const employees = [...planned.entries()]
    .map(([no, p]) => ({ p, d: depth(no) }))
    .sort((a, b) => a.d - b.d)
    .map(({ p }) => ({ row: p.row, isNew: p.isNew, line: p.line }));
  const departments = [...touchedDepts]
    .map((code) => deptByCode.get(code)!)
    .sort((a, b) => departmentDepth(a.path) - departmentDepth(b.path))
    .map((row) => ({
      row,
      isNew: !existingDeptIds.has(row.id),
      line: deptRows.get(row.code) ?? 0,
    }));
  return { plan: { newRegions, newPositions, departments, employees }, errors: [] };
}
