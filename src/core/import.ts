import { z } from 'zod';

/** Columns of the organisation import, with the header spellings accepted for each. */
export const DEPARTMENT_COLUMNS = {
  code: ['部门编码', 'code', 'department_code'],
  name: ['部门名称', 'name', 'department_name'],
  name_en: ['英文名称', 'name_en'],
  region: ['区域', 'region'],
  parent_code: ['上级部门编码', 'parent_code'],
} as const;

export const EMPLOYEE_COLUMNS = {
  employee_no: ['工号', 'employee_no'],
  name: ['姓名', 'name'],
  email: ['邮箱', 'email'],
  phone: ['手机', '电话', 'phone'],
  department_code: ['部门编码', 'department_code'],
  position: ['职位', '岗位', 'position'],
  manager_no: ['上级工号', 'manager_no'],
  hire_date: ['入职日期', 'hire_date'],
  status: ['状态', 'status'],
} as const;

export type DepartmentColumn = keyof typeof DEPARTMENT_COLUMNS;
export type EmployeeColumn = keyof typeof EMPLOYEE_COLUMNS;
export type SheetKind = 'departments' | 'employees';

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

export const importErrorSchema = z.object({
  sheet: z.string(),
  /** 1-based row number as a spreadsheet shows it (the header is row 1) */
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  reason: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importResultSchema = z.object({
  ok: z.literal(true),
  format: z.enum(['xlsx', 'csv']),
  departments: z.object({ created: z.number(), updated: z.number() }),
  employees: z.object({ created: z.number(), updated: z.number() }),
});
export type ImportResult = z.infer<typeof importResultSchema>;
