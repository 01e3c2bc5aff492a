import type { RecordView } from '../src/core/records/api.js';

export interface Session {
  cookie: string;
  csrfToken: string;
}

/** Signs in over HTTP and keeps the session cookie and the CSRF token a browser would send. */
export async function signIn(
  baseUrl: string,
  username: string,
  password: string,
): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`login as ${username} failed: ${res.status} ${body}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => /^(__Host-)?miantan_sid=/.test(c));
  if (!cookie) throw new Error(`login as ${username} set no session cookie`);
  return { cookie, csrfToken: (JSON.parse(body) as { csrfToken: string }).csrfToken };
}

/** GET /api/records/:id as this session (fails on anything but 200). */
export async function openRecord(baseUrl: string, cookie: string, id: string): Promise<RecordView> {
  const res = await fetch(`${baseUrl}/api/records/${id}`, {
    headers: { cookie, accept: 'application/json' },
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET /api/records/${id} failed: ${res.status} ${body}`);
  return JSON.parse(body) as RecordView;
}

/** The body of a save-draft PUT for a record as it was read, with its summary changed. */
export function saveBody(record: RecordView, edit: string): string {
  const summary =
    typeof record.content.reviewSummary === 'string' ? record.content.reviewSummary : '';
  return JSON.stringify({
    topic: record.topic,
    interviewAt: record.interviewAt,
    place: record.place,
    placeKind: record.placeKind,
    participantIds: record.participants.map((p) => p.id),
    content: { ...record.content, reviewSummary: `${summary}${edit}` },
  });
}
