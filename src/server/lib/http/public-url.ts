import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';

/** Where people reach Miantan: the configured address, or the one this request used. */
export function publicUrl(config: Config, request: FastifyRequest): string {
  return config.publicUrl ?? `${request.protocol}://${request.host}`;
}
