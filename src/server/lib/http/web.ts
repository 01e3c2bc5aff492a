import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../core/errors.js';
import { contentSecurityPolicy } from './security-headers.js';

/**
 * Serves the built React app: hashed assets from disk, and index.html for every other page, with a
 * fresh nonce that the UI library uses for the styles it injects.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const indexFile = path.join(webDir, 'index.html');
  const index = fs.existsSync(indexFile) ? fs.readFileSync(indexFile, 'utf8') : null;
  if (index) {
    await app.register(fastifyStatic, {
      root: path.join(webDir, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET')
      throw new AppError('NOT_FOUND');
    if (!index) {
      return reply
        .status(503)
        .type('text/plain')
        .send('The web app is not built: run `npm run build`.');
    }
    const nonce = randomBytes(16).toString('base64');
    return reply
      .header('content-security-policy', contentSecurityPolicy(nonce))
      .header('cache-control', 'no-cache')
      .type('text/html')
      .send(index.replace('__CSP_NONCE__', nonce));
  });
}
