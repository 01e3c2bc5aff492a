/** The page of one employee's profile; also "My profile" for the signed-in employee. */
export function profilePath(employeeId: string): string {
  return `/employees/${encodeURIComponent(employeeId)}`;
}
