import http from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  AppError,
  ERRORS,
  errorMessage,
  type ErrorBody,
  type ErrorCode,
} from '../../../core/errors.js';
import { send } from './errors.js';
import { pickLocale } from './session-hook.js';

/** The longest URL served; Node itself refuses a request line and headers over 16 KB in all. */
export const MAX_URL_LENGTH = 8 * 1024;

/** Answers a URL that is too long before anything else looks at the request. */
export async function urlLengthHook(request: FastifyRequest) {
  if (request.url.length <= MAX_URL_LENGTH) return;
  request.locale = pickLocale(request.headers['accept-language']);
  throw new AppError('URI_TOO_LONG');
}

/**
 * Fastify's `frameworkErrors`: what the router refuses before any hook has run, a URL that does
 * not decode (`/api/records/%E0%A4%A`) or a path parameter over `maxParamLength`.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  request.locale = pickLocale(request.headers['accept-language']);
  const code: ErrorCode =
    error.code === 'FST_ERR_BAD_URL'
      ? 'BAD_URL'
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'URI_TOO_LONG'
        : 'INTERNAL';
  if (code === 'INTERNAL') request.log.error({ err: error }, 'router error');
  return send(reply, request, code, ERRORS[code].status);
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request (headers over its limit,
 * a request line it cannot read, a client too slow), so there is no request to answer through
 * Fastify; the envelope is written to the socket. The language is read from whatever of the
 * headers arrived, if the refused packet holds them.
 */
export function clientErrorHandler(err: ConnectionError, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const code: ErrorCode =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 'HEADERS_TOO_LARGE'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'REQUEST_TIMEOUT'
        : 'BAD_REQUEST';
  // typed as a serialised Buffer, but Node hands over the Buffer itself
  const packet: unknown = err.rawPacket;
  const seen = Buffer.isBuffer(packet) ? packet.toString('latin1') : '';
  const locale = pickLocale(/\r\naccept-language:[ \t]*([^\r\n]*)/i.exec(seen)?.[1]);
  const body: ErrorBody = { error: { code, message: errorMessage(code, locale) } };
  const json = JSON.stringify(body);
  const { status } = ERRORS[code];
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(json)}\r\n` +
      'Cache-Control: no-store\r\n' +
      'X-Content-Type-Options: nosniff\r\n' +
      'Connection: close\r\n\r\n' +
      json,
  );
}
