import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  auditHead,
  DIALECTS,
  startTestEnv,
  type Client,
  type TestEnv,
} from './harness.js';

function upload(c: Client, content: string | Buffer, name: string) {
  const form = new FormData();
  form.append(
    'file',
    new Blob([typeof content === 'string' ? content : new Uint8Array(content)]),
    name,
  );
  return c.post('/api/org/import', form);
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
      expect(again.body.employees).toEqual({ created: 0, updated: 3 });
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
          '3:name:required',
          '3:email:invalid_email',
          '3:phone:invalid_phone',
          '3:department_code:unknown_department',
          '3:hire_date:invalid_date',
          '4:manager_no:manager_cycle',
          '5:manager_no:manager_cycle',
          '6:employee_no:duplicate',
          '7:status:invalid_status',
          '8:manager_no:self_manager',
        ]),
      );
      expect(res.body.error.details.errors[0].reason).toBeTruthy();
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
  });
}
