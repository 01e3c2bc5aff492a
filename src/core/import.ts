import { z } from 'zod';
import { createAccountsResultSchema } from './accounts.js';

export type SheetKind = 'departments' | 'employees';

/**
 * A column of the organisation import: the header spellings accepted for it (the first, in
 * Chinese, is the downloadable template's) and whether every row must fill it.
 */
export interface ImportColumn {
  headers: readonly string[];
  required: boolean;
}

/** The one list of import columns: the parser, the template file and the help all read it. */
export const IMPORT_COLUMNS = {
  departments: {
    code: { headers: ['部门编码', 'code', 'department_code'], required: true },
    name: { headers: ['部门名称', 'name', 'department_name'], required: true },
    name_en: { headers: ['英文名称', 'name_en'], required: false },
    region: { headers: ['区域', 'region'], required: true },
    parent_code: { headers: ['上级部门编码', 'parent_code'], required: false },
  },
  employees: {
    employee_no: { headers: ['工号', 'employee_no'], required: true },
    name: { headers: ['姓名', 'name'], required: true },
    email: { headers: ['邮箱', 'email'], required: false },
    phone: { headers: ['手机', '电话', 'phone'], required: false },
    department_code: { headers: ['部门编码', 'department_code'], required: true },
    position: { headers: ['职位', '岗位', 'position'], required: false },
    manager_no: { headers: ['上级工号', 'manager_no'], required: false },
    hire_date: { headers: ['入职日期', 'hire_date'], required: false },
    status: { headers: ['状态', 'status'], required: false },
  },
} as const satisfies Record<SheetKind, Record<string, ImportColumn>>;

export type DepartmentColumn = keyof typeof IMPORT_COLUMNS.departments;
export type EmployeeColumn = keyof typeof IMPORT_COLUMNS.employees;

/** A sheet's columns by name, in the template's order. */
export function importColumns(kind: SheetKind): [string, ImportColumn][] {
  return Object.entries(IMPORT_COLUMNS[kind]);
}

/** The columns every row of a sheet must fill. */
export function requiredColumns(kind: SheetKind): string[] {
  return importColumns(kind)
    .filter(([, c]) => c.required)
    .map(([name]) => name);
}

export const SHEET_NAMES: Record<SheetKind, string[]> = {
  departments: ['部门', 'departments'],
  employees: ['员工', 'employees'],
};

export const IMPORT_REASONS = {
  required: { zh: '必填', en: 'required' },
  too_long: { zh: '过长', en: 'too long' },
  invalid_email: { zh: '邮箱格式不正确', en: 'not an e-mail address' },
  invalid_phone: { zh: '手机号格式不正确', en: 'not a phone number' },
  invalid_date: { zh: '日期须为 YYYY-MM-DD', en: 'dates are YYYY-MM-DD' },
  invalid_status: { zh: '状态须为 在职/离职', en: 'status is active or left' },
  duplicate: { zh: '文件中重复', en: 'appears twice in the file' },
  unknown_department: { zh: '部门不存在', en: 'no such department' },
  unknown_parent: { zh: '上级部门不存在', en: 'no such parent department' },
  unknown_manager: { zh: '上级工号不存在', en: 'no such manager' },
  self_manager: { zh: '不能是自己的上级', en: 'cannot manage themself' },
  manager_cycle: { zh: '汇报关系形成循环', en: 'the manager chain loops' },
  department_cycle: { zh: '部门层级形成循环', en: 'the department tree loops' },
  region_mismatch: {
    zh: '与上级部门区域不一致',
    en: 'differs from its parent department’s region',
  },
  unknown_columns: { zh: '缺少必需的列', en: 'required columns are missing' },
  unknown_sheet: {
    zh: '无法识别的表格（需要 部门 或 员工 表）',
    en: 'unrecognised sheet (departments or employees expected)',
  },
  empty: { zh: '文件中没有数据', en: 'the file holds no rows' },
  too_many_rows: { zh: '行数超过上限', en: 'too many rows' },
} as const;
export type ImportReason = keyof typeof IMPORT_REASONS;

/** The header a column has in the downloadable template: its first spelling, in Chinese. */
export function templateHeader(kind: SheetKind, column: string): string {
  const columns: Record<string, ImportColumn> = IMPORT_COLUMNS[kind];
  return columns[column]?.headers[0] ?? column;
}

export const importErrorSchema = z.object({
  /** the worksheet's name; null for a CSV file, which has none */
  sheet: z.string().nullable(),
  /** 1-based row number as a spreadsheet shows it (the header is row 1) */
  row: z.number().int(),
  /** the column's header as the file spells it (the template's when the file lacks the column) */
  column: z.string(),
  code: z.string(),
  reason: z.string(),
  /** what the cell holds, when the problem is its value */
  value: z.string().nullable(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

/** How many rows of each kind of change the preview lists; the counts cover them all. */
export const PREVIEW_ROWS = 20;

const previewDepartmentSchema = z.object({
  row: z.number().int(),
  code: z.string(),
  name: z.string(),
  region: z.string(),
  parentCode: z.string().nullable(),
  /** headers (as the file spells them) of the columns that change; empty for a new department */
  changes: z.array(z.string()),
});
const previewEmployeeSchema = z.object({
  row: z.number().int(),
  employeeNo: z.string(),
  name: z.string(),
  departmentCode: z.string(),
  position: z.string().nullable(),
  changes: z.array(z.string()),
});
export type PreviewDepartment = z.infer<typeof previewDepartmentSchema>;
export type PreviewEmployee = z.infer<typeof previewEmployeeSchema>;

function changeSetSchema<T extends z.ZodType>(item: T) {
  return z.object({
    created: z.number().int(),
    changed: z.number().int(),
    /** in the file and in the organisation already, exactly as the file has them */
    unchanged: z.number().int(),
    createdItems: z.array(item),
    changedItems: z.array(item),
  });
}

/** What an import would write, for the user to confirm; nothing has been written yet. */
export const importPreviewSchema = z.object({
  /**
   * Binds the confirmation to this file and these changes: the import is applied only while
   * the same file still makes exactly these changes.
   */
  token: z.string(),
  format: z.enum(['xlsx', 'csv']),
  regions: z.array(z.string()),
  positions: z.array(z.string()),
  departments: changeSetSchema(previewDepartmentSchema),
  employees: changeSetSchema(previewEmployeeSchema),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importCommitQuerySchema = z.object({
  token: z.string().min(1).max(128),
  /** also create an account with an activation code for each person in the file who has none */
  accounts: z.enum(['true', 'false']).default('false'),
});

export const importResultSchema = z.object({
  ok: z.literal(true),
  format: z.enum(['xlsx', 'csv']),
  departments: z.object({ created: z.number(), updated: z.number() }),
  employees: z.object({ created: z.number(), updated: z.number() }),
  /** with the accounts option: the accounts created, and their slips (shown this once) */
  accounts: createAccountsResultSchema.nullable(),
});
export type ImportResult = z.infer<typeof importResultSchema>;
