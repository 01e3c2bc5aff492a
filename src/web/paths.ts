/** The page of one employee's profile; also "My profile" for the signed-in employee. */
export function profilePath(employeeId: string): string {
  return `/employees/${encodeURIComponent(employeeId)}`;
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

/** The records list filtered to one employee; the name labels the filter without a lookup. */
export function employeeRecordsPath(employee: { id: string; name: string }): string {
  const query = new URLSearchParams({ employeeId: employee.id, employeeName: employee.name });
  return `/records?${query.toString()}`;
}
