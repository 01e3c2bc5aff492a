import { authorize } from '../../../core/access/authorize.js';
import { readsRecordsOf } from '../../../core/access/scope.js';
import type { PerformanceEntry, PerformanceFile } from '../../../core/performance-file.js';
import { valueIn, visibleDefinition, type Content } from '../../../core/templates/content.js';
import { allFields, type TemplateDefinition } from '../../../core/templates/model.js';
import { notFoundOrDenied } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import { findEmployeeRef, findProfile } from '../directory/repo.js';
import { loadDepartmentPaths, pathWithName } from '../org/department-paths.js';
import { openPart } from '../records/content-store.js';
import { loadTemplateVersion } from '../templates/service.js';
import * as repo from './repo.js';

/**
 * The employee's performance file (员工绩效档案): its archived records and addenda as a timeline,
 * with the overall rating and the skill levels of each, as the reader may see them (the employee
 * itself never sees manager-only fields). Viewing it is audited like viewing a record.
 */
export async function viewPerformanceFile(
  call: Call,
  employeeId: string,
): Promise<PerformanceFile> {
  const { ctx, db, actor, meta } = call;
  const ref = await findEmployeeRef(db, employeeId);
  if (!ref || !authorize(actor, 'employee.performanceFile', ref)) throw notFoundOrDenied();
  const profile = (await findProfile(db, employeeId))!;
  const audience = readsRecordsOf(actor, ref) ? 'full' : 'restricted';
  const definitions = new Map<
    string,
    { name: PerformanceEntry['templateName']; def: TemplateDefinition }
  >();
  const entries: PerformanceEntry[] = [];
  for (const row of await repo.archivedRecordsOf(db, employeeId)) {
    const key = `${row.template_id}@${row.template_version}`;
    if (!definitions.has(key)) {
      const template = await loadTemplateVersion(db, row.template_id, row.template_version);
      definitions.set(key, {
        name: template.name,
        def: visibleDefinition(template.definition, audience),
      });
    }
    const { name, def } = definitions.get(key)!;
    const content: Content = {
      ...openPart(ctx.keyring, row.id, 'content', row.content_enc),
      ...(audience === 'full'
        ? openPart(ctx.keyring, row.id, 'confidential', row.confidential_enc)
        : {}),
    };
    entries.push({
      recordId: row.id,
      topic: row.topic,
      interviewAt: row.interview_at,
      templateName: name,
      interviewer: row.interviewer_name,
      addendumOf: row.addendum_of,
      ...measuresOf(def, content),
    });
  }
  await ctx.readLog.record(
    meta,
    { action: 'employee.performance_file_viewed', payload: { records: entries.length } },
    { type: 'employee', id: employeeId },
  );
  const paths = await loadDepartmentPaths(db);
  return {
    employee: {
      id: profile.id,
      name: profile.name,
      employeeNo: profile.employee_no,
      departmentPath: pathWithName(paths(profile.department_id), profile.department_name),
      positionName: profile.position_name,
    },
    entries,
    abilities: { export: authorize(actor, 'employee.exportPerformanceFile', ref) },
  };
}

/** The overall rating and the skill levels a record gives, from the fields its template has. */
function measuresOf(
  def: TemplateDefinition,
  content: Content,
): Pick<PerformanceEntry, 'rating' | 'skills'> {
  let rating: PerformanceEntry['rating'] = null;
  const skills: PerformanceEntry['skills'] = [];
  for (const field of allFields(def)) {
    const value = valueIn(content, field.key);
    if (field.type === 'rating' && field.overall && typeof value === 'number') {
      rating = {
        value,
        max: Math.max(...field.scale.map((s) => s.value)),
        label: field.scale.find((s) => s.value === value)?.label ?? null,
      };
    }
    if (field.type === 'skillMatrix' && Array.isArray(value)) {
      for (const row of value as { skill: string; current: number; target: number }[])
        skills.push({ ...row, levels: field.levels });
    }
  }
  return { rating, skills };
}
