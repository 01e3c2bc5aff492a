/** The page of one employee's profile; also "My profile" for the signed-in employee. */
export function profilePath(employeeId: string): string {
  return `/employees/${encodeURIComponent(employeeId)}`;
}

/** An employee's performance file (员工绩效档案): its page, or (`api`) the API resource under /api. */
export function performanceFilePath(employeeId: string, kind: 'page' | 'api' = 'page'): string {
  return `/employees/${encodeURIComponent(employeeId)}/${kind === 'page' ? 'file' : 'performance-file'}`;
}

export function recordPath(recordId: string): string {
  return `/records/${encodeURIComponent(recordId)}`;
}

export function templatePath(templateId: string, version?: number): string {
  const path = `/templates/${encodeURIComponent(templateId)}`;
  return version ? `${path}?version=${version}` : path;
}

export function templateEditPath(templateId: string): string {
  return `/templates/${encodeURIComponent(templateId)}/edit`;
}

/** The records list with these filters (as the records page reads them from its URL). */
export function recordsPath(filters: Record<string, string>): string {
  return `/records?${new URLSearchParams(filters).toString()}`;
}

/** The records list filtered to one employee; the name labels the filter without a lookup. */
export function employeeRecordsPath(employee: { id: string; name: string }): string {
  return recordsPath({ employeeId: employee.id, employeeName: employee.name });
}
