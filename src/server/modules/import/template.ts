import ExcelJS from 'exceljs';
import { importColumns, SHEET_NAMES, type SheetKind } from '../../../core/import.js';

/** One example row per sheet, by column: a department and a person in it. */
const EXAMPLES: Record<SheetKind, Record<string, string>> = {
  departments: {
    code: 'GZ-QA',
    name: '质量管理部',
    name_en: 'Quality Management',
    region: '华南',
    parent_code: '',
  },
  employees: {
    employee_no: 'GZ0001',
    name: '张三',
    email: 'zhangsan@example.cn',
    phone: '13800000000',
    department_code: 'GZ-QA',
    position: '质量经理',
    manager_no: '',
    hire_date: '2020-03-01',
    status: '在职',
  },
};

/** The workbook HR fills in: the headers the import expects, in Chinese, and an example row. */
export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const kind of ['departments', 'employees'] as const) {
    const sheet = workbook.addWorksheet(SHEET_NAMES[kind][0]);
    sheet.columns = importColumns(kind).map(([key, column]) => ({
      header: column.headers[0],
      key,
      width: 18,
      // text cells: codes, numbers and dates are read back exactly as typed
      style: { numFmt: '@' },
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRow(EXAMPLES[kind]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
