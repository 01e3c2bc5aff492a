import type { DirectoryEntry, DirectoryQuery, EmployeeProfile } from '../../../core/org.js';
import { authorize } from '../../../core/access/authorize.js';
import { directoryScope } from '../../../core/access/scope.js';
import { AppError } from '../../../core/errors.js';
import { peopleSearchTerms } from '../../../core/people.js';
import { forbidden, notFoundOrDenied } from '../../lib/http/denied.js';
import { decodeCursor, encodeCursor } from '../../lib/http/cursor.js';
import type { Call } from '../../lib/http/use-case.js';
import { loadDepartmentPaths } from '../org/department-paths.js';
import { openPhone } from '../org/phone.js';
import * as repo from './repo.js';

const toKeyset = (c: { key: string; id: string } | null): repo.Keyset | null =>
  c && { pinyin: c.key, id: c.id };

export async function searchDirectory(
  { ctx, db, actor }: Call,
  query: DirectoryQuery,
): Promise<{ items: DirectoryEntry[]; nextCursor: string | null }> {
  if (!authorize(actor, 'directory.search')) throw forbidden();
  const reader =
    query.team === 'mine' && actor.employeeId
      ? await repo.findEmployeeRef(db, actor.employeeId)
      : null;
  const rows = await repo.searchEmployees(
    db,
    ctx.db.dialect,
    directoryScope(actor),
    query,
    toKeyset(decodeCursor(query.cursor)),
    reader,
  );
  const pathOf = await loadDepartmentPaths(db);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      employeeNo: r.employee_no,
      name: r.name,
      namePinyin: r.name_pinyin,
      department: { id: r.department_id, name: r.department_name, path: pathOf(r.department_id) },
      region: { id: r.region_id, name: r.region_name },
      position:
        r.position_id && r.position_name ? { id: r.position_id, name: r.position_name } : null,
      status: r.status,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.name_pinyin, last.id) : null,
  };
}

/** A person's profile; the answer leaves only once its view is audited. */
export async function viewEmployee(
  { ctx, db, actor, meta }: Call,
  id: string,
): Promise<EmployeeProfile> {
  const ref = await repo.findEmployeeRef(db, id);
  if (!ref || !authorize(actor, 'employee.view', ref)) throw notFoundOrDenied();
  const managerRef = ref.managerId ? await repo.findEmployeeRef(db, ref.managerId) : null;
  const p = await repo.findProfile(db, id);
  if (!p) throw new AppError('NOT_FOUND');
  const reports = await repo.findDirectReports(db, ctx.db.dialect, directoryScope(actor), id);
  const pathOf = await loadDepartmentPaths(db);
  await ctx.readLog.record(
    meta,
    { action: 'employee.viewed', payload: {} },
    { type: 'employee', id },
  );
  return {
    id: p.id,
    employeeNo: p.employee_no,
    name: p.name,
    namePinyin: p.name_pinyin,
    nameInitials: p.name_initials,
    email: p.email,
    phone: p.phone_enc ? openPhone(ctx.keyring, p.id, p.phone_enc) : null,
    department: { id: p.department_id, name: p.department_name, path: pathOf(p.department_id) },
    region: { id: p.region_id, name: p.region_name },
    position:
      p.position_id && p.position_name ? { id: p.position_id, name: p.position_name } : null,
    manager:
      p.manager_id && p.manager_name && p.manager_no
        ? {
            id: p.manager_id,
            name: p.manager_name,
            employeeNo: p.manager_no,
            visible: managerRef !== null && authorize(actor, 'employee.view', managerRef),
          }
        : null,
    hireDate: p.hire_date,
    status: p.status,
    directReports: reports.map((r) => ({
      id: r.id,
      name: r.name,
      employeeNo: r.employee_no,
      position: r.position_name,
    })),
  };
}

/**
 * Colleagues to @mention, for those who can mention: a name and a department with its path
 * each, never an account that must not see individual content. Bounded so that it cannot list
 * the organisation.
 */
export async function findPeopleToMention({ ctx, db, actor }: Call, q: string) {
  if (!authorize(actor, 'people.search')) throw forbidden();
  const rows = await repo.findMentionable(db, ctx.db.dialect, peopleSearchTerms(q));
  const pathOf = await loadDepartmentPaths(db);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      departmentName: r.department_name,
      departmentPath: pathOf(r.department_id),
    })),
  };
}
