import type { FastifyReply, FastifyRequest } from 'fastify';

/** The revision the client read, from `If-Match: "7"`; null when absent (428), NaN when unreadable (412). */
export function ifMatch(request: FastifyRequest): number | null {
  const header = request.headers['if-match'];
  if (header === undefined) return null;
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  return match ? Number(match[1]) : Number.NaN;
}

/** Sends what a client names in its next If-Match: the object's revision as the ETag. */
export function withEtag<T extends { revision: number }>(reply: FastifyReply, view: T): T {
  reply.header('etag', `"${view.revision}"`);
  return view;
}
