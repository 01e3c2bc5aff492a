import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  auditHead,
  DIALECTS,
  importFile,
  sendFile,
  startTestEnv,
  type Client,
  type TestEnv,
} from './harness.js';

const send = sendFile;
const upload = importFile;

function preview(c: Client, content: string | Buffer, name: string) {
  return send(c, '/api/org/import/preview', content, name);
}

function commit(c: Client, content: string | Buffer, name: string, token: string) {
  return send(c, `/api/org/import?token=${token}`, content, name);
}

async function counts(env: TestEnv) {
  const db = env.ctx.db.kysely;
  const n = async (table: 'employees' | 'departments' | 'regions' | 'positions') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    employees: await n('employees'),
    departments: await n('departments'),
    regions: await n('regions'),
    positions: await n('positions'),
  };
}

const DEPARTMENTS_CSV = `部门编码,部门名称,区域,上级部门编码
CD-MFG,成都制造基地,西南,
CD-W1,成都一车间,西南,CD-MFG
`;
const EMPLOYEES_CSV = `工号,姓名,邮箱,手机,部门编码,职位,上级工号,入职日期,状态
C0001,单雄信,shan@example.cn,13900000001,CD-MFG,厂长,,2015-03-01,在职
C0002,吕小布,lv@example.cn,13900000002,CD-W1,车间主任,C0001,2018-07-15,在职
C0003,欧阳娜娜,,13900000003,CD-W1,操作工,C0002,2024-02-29,在职
`;

for (const dialect of DIALECTS) {
  describe(`organisation import (${dialect})`, () => {
    let env: TestEnv;
    let hr: Client;
    beforeAll(async () => {
      env = await startTestEnv(dialect);
      hr = await env.as('hr');
    });
    afterAll(() => env.close());

    it('imports departments then employees from CSV, searchable by pinyin, and audits it', async () => {
      const since = await auditHead(env.ctx);
      const depts = await upload(hr, DEPARTMENTS_CSV, 'departments.csv');
      expect(depts.status).toBe(200);
      expect(depts.body).toEqual({
        ok: true,
        format: 'csv',
        departments: { created: 2, updated: 0 },
        employees: { created: 0, updated: 0 },
        accounts: null,
      });
      const people = await upload(hr, '\uFEFF' + EMPLOYEES_CSV, 'people.csv');
      expect(people.status).toBe(200);
      expect(people.body.employees).toEqual({ created: 3, updated: 0 });

      const found = await hr.get('/api/directory/employees?q=sxx');
      expect(found.body.items.map((e: any) => e.name)).toContain('单雄信');
      const lv = (await hr.get('/api/directory/employees?q=lvxiao')).body.items[0];
      expect(lv.name).toBe('吕小布');
      const profile = await hr.get(`/api/directory/employees/${lv.id}`);
      expect(profile.body.manager.employeeNo).toBe('C0001');
      expect(profile.body.region.name).toBe('西南');
      expect(profile.body.phone).toBe('13900000002');
      const entries = (await auditActions(env.ctx, since)).filter(
        (e) => e.action === 'org.imported',
      );
      expect(entries).toHaveLength(2);

      // importing again updates rather than duplicates
      const again = await upload(hr, EMPLOYEES_CSV.replace('操作工', '班组长'), 'people.csv');
      expect(again.body.employees).toEqual({ created: 0, updated: 1 });
    });

    it('imports both sheets of an XLSX workbook in one go', async () => {
      const wb = new ExcelJS.Workbook();
      const d = wb.addWorksheet('部门');
      d.addRows([
        ['部门编码', '部门名称', '区域', '上级部门编码'],
        ['WH-LAB', '武汉实验室', '华中', ''],
      ]);
      const e = wb.addWorksheet('员工');
      e.addRows([
        ['工号', '姓名', '邮箱', '手机', '部门编码', '职位', '上级工号', '入职日期', '状态'],
        [
          'W0001',
          '曾子墨',
          'zeng@example.cn',
          '13700000001',
          'WH-LAB',
          '实验室主任',
          '',
          new Date('2020-05-04T00:00:00Z'),
          'active',
        ],
        ['W0002', '张三', '', '', 'WH-LAB', '研究员', 'W0001', '2021-01-01', '在职'],
      ]);
      const buffer = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await upload(hr, buffer, 'org.xlsx');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        format: 'xlsx',
        departments: { created: 1 },
        employees: { created: 2 },
      });
      const zs = (await hr.get('/api/directory/employees?q=zs')).body.items.map((x: any) => x.name);
      expect(zs).toContain('张三');
    });

    it('refuses a file with bad rows, lists every one, and writes nothing', async () => {
      const before = await counts(env);
      const since = await auditHead(env.ctx);
      const bad = `工号,姓名,邮箱,手机,部门编码,职位,上级工号,入职日期,状态
X0001,好人,ok@example.cn,13900000009,CD-W1,操作工,,2020-01-01,在职
X0002,,bad-email,12,NOPE,操作工,,2020-13-01,在职
X0003,循环甲,,,CD-W1,操作工,X0004,,在职
X0004,循环乙,,,CD-W1,操作工,X0003,,在职
X0001,重复,,,CD-W1,操作工,,,在职
X0005,无上级,,,CD-W1,操作工,ZZ999,,离开
X0006,自己,,,CD-W1,操作工,X0006,,在职
`;
      const res = await upload(hr, bad, 'bad.csv');
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('IMPORT_INVALID');
      const errors = res.body.error.details.errors.map(
        (e: any) => `${e.row}:${e.column}:${e.code}`,
      );
      expect(errors).toEqual(
        expect.arrayContaining([
          '3:姓名:required',
          '3:邮箱:invalid_email',
          '3:手机:invalid_phone',
          '3:部门编码:unknown_department',
          '3:入职日期:invalid_date',
          '4:上级工号:manager_cycle',
          '5:上级工号:manager_cycle',
          '6:工号:duplicate',
          '7:状态:invalid_status',
          '8:上级工号:self_manager',
        ]),
      );
      expect(res.body.error.details.errors[0].reason).toBeTruthy();
      // the bad value is echoed, and a CSV file has no sheet to name
      expect(res.body.error.details.errors).toContainEqual(
        expect.objectContaining({ row: 3, column: '部门编码', value: 'NOPE', sheet: null }),
      );
      expect(await counts(env)).toEqual(before);
      const entries = await auditActions(env.ctx, since);
      expect(entries.map((e) => [e.action, e.outcome])).toEqual([
        ['org.import_rejected', 'failed'],
      ]);
    });

    it('refuses a manager chain that loops through people already in the database', async () => {
      const before = await counts(env);
      // C0001 currently manages C0002; making C0001 report to C0003 (who reports to C0002) loops.
      const res = await upload(
        hr,
        `工号,姓名,部门编码,上级工号\nC0001,单雄信,CD-MFG,C0003\n`,
        'loop.csv',
      );
      expect(res.status).toBe(422);
      expect(res.body.error.details.errors.map((e: any) => e.code)).toEqual(['manager_cycle']);
      expect(await counts(env)).toEqual(before);
    });

    it('refuses department trees that loop or name unknown parents', async () => {
      const res = await upload(
        hr,
        `部门编码,部门名称,区域,上级部门编码\nL1,环一,西南,L2\nL2,环二,西南,L1\nL3,孤儿,西南,NOWHERE\n`,
        'd.csv',
      );
      expect(res.status).toBe(422);
      const codes = res.body.error.details.errors.map((e: any) => `${e.row}:${e.code}`);
      expect(codes).toEqual(
        expect.arrayContaining(['2:department_cycle', '3:department_cycle', '4:unknown_parent']),
      );
    });

    it('tells the file type from content: a PNG named .csv is refused; empty and headerless files are explained', async () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      const res = await upload(hr, png, 'org.csv');
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_FILE');
      const empty = await upload(hr, '工号,姓名\n', 'empty.csv');
      expect(empty.status).toBe(422);
      expect(empty.body.error.details.errors[0].code).toBe('empty');
      const unknown = await upload(hr, 'foo,bar\n1,2\n', 'x.csv');
      expect(unknown.body.error.details.errors[0].code).toBe('unknown_sheet');
    });

    it('is refused to managers, employees and regional HR', async () => {
      for (const username of ['manager', 'employee', 'hr.east', 'auditor']) {
        const c = await env.as(username);
        const res = await upload(c, DEPARTMENTS_CSV, 'd.csv');
        expect(res.status, username).toBe(403);
      }
    });

    it('previews what a file creates and changes, writes nothing until confirmed, then writes exactly that', async () => {
      const before = await counts(env);
      const since = await auditHead(env.ctx);
      // headers as HR may spell them: 岗位 for the position, an English one for the e-mail
      const file = `工号,姓名,email,手机,部门编码,岗位,上级工号,入职日期,状态
C0001,单雄信,shan@example.cn,13900000001,CD-MFG,厂长,,2015-03-01,在职
C0002,吕小布,lv@example.cn,13900000099,CD-W1,车间主任,C0001,2018-07-15,在职
C0003,欧阳娜娜,ouyang@example.cn,13900000003,CD-W1,统计员,C0002,2024-02-29,在职
P0001,新同事,,,CD-W1,首席品酒师,C0002,2026-01-05,在职
`;
      const previewed = await preview(hr, file, 'people.csv');
      expect(previewed.status).toBe(200);
      expect(previewed.body).toMatchObject({
        format: 'csv',
        regions: [],
        positions: expect.arrayContaining(['首席品酒师']),
        departments: { created: 0, changed: 0, unchanged: 0 },
        employees: {
          created: 1,
          changed: 2,
          unchanged: 1,
          createdItems: [
            {
              row: 5,
              employeeNo: 'P0001',
              name: '新同事',
              departmentCode: 'CD-W1',
              position: '首席品酒师',
              changes: [],
            },
          ],
          changedItems: [
            { row: 3, employeeNo: 'C0002', changes: ['手机'] },
            { row: 4, employeeNo: 'C0003', changes: ['email', '岗位'] },
          ],
        },
      });
      expect(await counts(env)).toEqual(before);
      expect(await auditActions(env.ctx, since)).toEqual([]);

      // a token for another file, or none, confirms nothing
      const other = await preview(hr, file.replace('新同事', '另一人'), 'people.csv');
      expect((await commit(hr, file, 'people.csv', other.body.token)).status).toBe(409);
      expect((await send(hr, '/api/org/import', file, 'people.csv')).status).toBe(400);
      expect(await counts(env)).toEqual(before);

      const done = await commit(hr, file, 'people.csv', previewed.body.token);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ employees: { created: 1, updated: 2 } });
      expect((await counts(env)).employees).toBe(before.employees + 1);
      const entries = await auditActions(env.ctx, since);
      expect(entries.map((e) => e.action)).toEqual(['org.imported']);
      expect(JSON.parse(entries[0]!.payload)).toMatchObject({
        employees: { created: 1, updated: 2 },
      });
      // the same file again changes nothing
      const again = await preview(hr, file, 'people.csv');
      expect(again.body.employees).toMatchObject({ created: 0, changed: 0, unchanged: 4 });
    });

    it('refuses a confirmation when the organisation changed since the preview, and writes nothing', async () => {
      const file = `工号,姓名,部门编码,职位\nC0003,欧阳娜娜,CD-W1,工艺员\n`;
      const previewed = await preview(hr, file, 'p.csv');
      expect(previewed.body.employees.changedItems[0].changes).toEqual(['职位']);
      // meanwhile someone else imports the same change
      expect((await upload(hr, file, 'p.csv')).status).toBe(200);
      const before = await counts(env);
      const since = await auditHead(env.ctx);
      const stale = await commit(hr, file, 'p.csv', previewed.body.token);
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('IMPORT_CHANGED');
      expect(await counts(env)).toEqual(before);
      expect(await auditActions(env.ctx, since)).toEqual([]);
    });

    it('names columns as the file spells them, sheets by their name, and a missing column by the template header', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('人员名单').addRows([
        ['employee_no', 'name', 'department_code', 'hire_date'],
        ['Z0001', '赵六', 'NOPE', '2020/01/01'],
      ]);
      const res = await preview(hr, Buffer.from(await wb.xlsx.writeBuffer()), 'org.xlsx');
      expect(res.status).toBe(422);
      expect(res.body.error.details.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            sheet: '人员名单',
            row: 2,
            column: 'department_code',
            code: 'unknown_department',
            value: 'NOPE',
          }),
          expect.objectContaining({
            sheet: '人员名单',
            column: 'hire_date',
            code: 'invalid_date',
            value: '2020/01/01',
          }),
        ]),
      );
      const missing = await preview(hr, '工号,姓名\nZ0002,钱七\n', 'x.csv');
      expect(missing.body.error.details.errors).toEqual([
        expect.objectContaining({
          sheet: null,
          row: 1,
          column: '部门编码',
          code: 'unknown_columns',
        }),
      ]);
    });

    it('offers a template workbook with the expected Chinese headers and an example row that imports', async () => {
      const download = (c: Client) =>
        fetch(`${env.url}/api/org/import/template`, { headers: { cookie: c.cookie ?? '' } });
      const res = await download(hr);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const buffer = Buffer.from(await res.arrayBuffer());
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buffer as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['部门', '员工']);
      const headers = (name: string) =>
        (wb.getWorksheet(name)!.getRow(1).values as unknown[]).filter(Boolean);
      expect(headers('部门')).toEqual(['部门编码', '部门名称', '英文名称', '区域', '上级部门编码']);
      expect(headers('员工')).toEqual([
        '工号',
        '姓名',
        '邮箱',
        '手机',
        '部门编码',
        '职位',
        '上级工号',
        '入职日期',
        '状态',
      ]);
      const previewed = await preview(hr, buffer, '组织导入模板.xlsx');
      expect(previewed.status).toBe(200);
      expect(previewed.body.departments.createdItems[0]).toMatchObject({ code: 'GZ-QA' });
      expect(previewed.body.employees.createdItems[0]).toMatchObject({
        employeeNo: 'GZ0001',
        name: '张三',
      });
      expect((await download(await env.as('manager'))).status).toBe(403);
    });
  });
}
