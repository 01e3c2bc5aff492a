import type { FastifyRequest } from 'fastify';

/** A parameter name as the web sends them; anything else in its place could be what someone typed. */
const PLAIN_NAME = /^[A-Za-z][\w.-]{0,39}$/;

/**
 * How the request log shows a request (pino's `req`; Fastify hands it its own request). Query
 * values carry what people search for (a record's topic, a colleague's name or number) and tokens,
 * which no log line may hold in clear (docs/security.md): only the parameter names are kept,
 * enough to tell which filters were used.
 */
export function requestLogEntry(request: FastifyRequest) {
  const at = request.url.indexOf('?');
  return {
    method: request.method,
    url: at < 0 ? request.url : `${request.url.slice(0, at)}?${names(request.url.slice(at + 1))}`,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

function names(query: string): string {
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const name = pair.split('=', 1)[0]!;
      return PLAIN_NAME.test(name) ? name : '…';
    })
    .join('&');
}
