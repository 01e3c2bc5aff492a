/**
 * People search (finding a colleague to @mention) is bounded so that it cannot list the
 * organisation: a few answers per query, names only from a distinctive start, employee numbers
 * only whole, and a per-user request budget on the server.
 */
export const PEOPLE_SEARCH_LIMIT = 10;

export interface PeopleSearchTerms {
  /** lower-case, without spaces; null when too short to search names by (a single letter) */
  namePrefix: string | null;
  /** matched whole, never as a prefix */
  employeeNo: string;
}

/** A name search needs one Chinese character or two Latin letters. */
export function peopleSearchTerms(q: string): PeopleSearchTerms {
  const key = q.toLowerCase().replace(/\s+/g, '');
  const distinctive = /\p{Script=Han}/u.test(key) || (key.match(/[a-z]/g) ?? []).length >= 2;
  return { namePrefix: distinctive ? key : null, employeeNo: q.trim().toUpperCase() };
}
