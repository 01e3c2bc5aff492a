import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../../core/errors.js';
import { importColumns, SHEET_NAMES, type SheetKind } from '../../../core/import.js';

export interface ParsedRow {
  /** as the spreadsheet numbers it: the header is row 1 */
  row: number;
  values: Record<string, string>;
}

export interface ParsedSheet {
  /** the worksheet's name; null for a CSV file */
  name: string | null;
  kind: SheetKind | null;
  /** canonical columns found in the header */
  columns: string[];
  /** each canonical column's header as the file spells it, to name it back to the user */
  headers: Record<string, string>;
  rows: ParsedRow[];
}

export interface ParsedFile {
  format: 'xlsx' | 'csv';
  sheets: ParsedSheet[];
}

function canonical(kind: SheetKind, header: string): string | null {
  const h = header.trim().toLowerCase();
  for (const [name, column] of importColumns(kind)) {
    if (column.headers.some((a) => a.toLowerCase() === h)) return name;
  }
  return null;
}

function kindOf(sheetName: string | null, headers: string[]): SheetKind | null {
  const n = (sheetName ?? '').trim().toLowerCase();
  for (const kind of ['departments', 'employees'] as const) {
    if (SHEET_NAMES[kind].some((s) => s.toLowerCase() === n)) return kind;
  }
  // A CSV, or a sheet with another name: tell by its headers.
  if (headers.some((h) => canonical('employees', h) === 'employee_no')) return 'employees';
  if (headers.some((h) => canonical('departments', h) === 'region')) return 'departments';
  return null;
}

function toSheet(name: string | null, table: string[][]): ParsedSheet {
  const [header = [], ...body] = table;
  const kind = kindOf(name, header);
  const columns = header.map((h) => (kind ? canonical(kind, h) : null));
  const headers: Record<string, string> = {};
  columns.forEach((column, j) => {
    if (column) headers[column] = header[j]!.trim();
  });
  const rows: ParsedRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const values: Record<string, string> = {};
    columns.forEach((column, j) => {
      if (column) values[column] = (cells[j] ?? '').trim();
    });
    rows.push({ row: i + 2, values });
  });
  return { name, kind, columns: columns.filter((c): c is string => c !== null), headers, rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

async function parseXlsx(buffer: Buffer): Promise<ParsedFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('UNSUPPORTED_FILE');
  }
  const sheets = workbook.worksheets.map((ws) => {
    const table: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell.value);
      });
      table[n - 1] = Array.from(cells, (c) => c ?? '');
    });
    return toSheet(
      ws.name,
      Array.from(table, (r) => r ?? []),
    );
  });
  return { format: 'xlsx', sheets };
}

function parseCsvFile(buffer: Buffer): ParsedFile {
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  const table = parseCsv(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  return { format: 'csv', sheets: [toSheet(null, table)] };
}

/** The file's type is told from its content, not its name: a ZIP is XLSX, valid UTF-8 text is CSV. */
export async function parseOrgFile(buffer: Buffer): Promise<ParsedFile> {
  if (buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50) return parseXlsx(buffer);
  if (buffer.includes(0)) throw new AppError('UNSUPPORTED_FILE');
  try {
    return parseCsvFile(buffer);
  } catch {
    throw new AppError('UNSUPPORTED_FILE');
  }
}
