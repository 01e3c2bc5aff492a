import fs from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from './context.js';
import { errorHandler } from './lib/http/errors.js';
import { securityHeaders } from './lib/http/security-headers.js';
import { sessionCookieName, sessionHook } from './lib/http/session-hook.js';
import { clientErrorHandler, frameworkErrors, urlLengthHook } from './lib/http/transport-errors.js';
import type { App } from './lib/http/types.js';
import { requestLogEntry } from './lib/http/request-log.js';
import { registerWebApp } from './lib/http/web.js';
import { registerAttachmentRoutes } from './modules/attachments/routes.js';
import { registerAccountRoutes } from './modules/accounts/routes.js';
import { registerAuditRoutes } from './modules/audit/routes.js';
import { registerAuthRoutes } from './modules/auth/routes.js';
import { registerBackupRoutes } from './modules/backup/routes.js';
import { resolveSession } from './modules/auth/service.js';
import { registerDirectoryRoutes } from './modules/directory/routes.js';
import { registerPerformanceFileRoutes } from './modules/performance-file/routes.js';
import { registerImportRoutes } from './modules/import/routes.js';
import { alertOnIntegrityError } from './modules/integrity/alert.js';
import { registerOrgRoutes } from './modules/org/routes.js';
import { registerNotificationRoutes } from './modules/notifications/routes.js';
import { registerScheduleRoutes } from './modules/schedule/routes.js';
import { registerSystemRoutes } from './modules/system/routes.js';
import { registerCollaborationRoutes, registerRecordRoutes } from './modules/records/routes.js';
import { registerRecordPdfRoutes } from './modules/record-pdfs/routes.js';
import { registerSignatureRoutes } from './modules/signatures/routes.js';
import { registerTemplateRoutes } from './modules/templates/routes.js';
import { registerUserRoutes } from './modules/users/routes.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface BuildOptions {
  /** pino destination; defaults to stdout. Tests point it at a file to inspect what is logged. */
  logStream?: NodeJS.WritableStream;
  logLevel?: string;
}

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<App> {
  const { config } = ctx;
  const tls = config.tlsCert && config.tlsKey;
  const serverOptions: FastifyServerOptions = {
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // ids are at most 64 characters; a longer path segment is a 414
    routerOptions: { maxParamLength: 100 },
    frameworkErrors,
    clientErrorHandler,
    logger: {
      level: options.logLevel ?? config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
      serializers: { req: requestLogEntry },
    },
  };
  const https = tls
    ? { https: { cert: fs.readFileSync(config.tlsCert!), key: fs.readFileSync(config.tlsKey!) } }
    : {};
  // Fastify types an HTTPS server separately; the app is the same either way
  const app = Fastify({
    ...serverOptions,
    ...https,
  } as FastifyServerOptions).withTypeProvider<ZodTypeProvider>() as unknown as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('auth', null);
  app.decorateRequest('meta', null as never);
  app.decorateRequest('locale', 'zh-CN');

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Miantan API',
        version: '0.1.0',
        description: 'Performance-conversation records',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config.secureCookies) },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const cookieName = sessionCookieName(config.secureCookies);
  app.addHook('onRequest', urlLengthHook);
  app.addHook(
    'onRequest',
    sessionHook((token) => resolveSession(ctx, token), cookieName),
  );
  app.addHook('onSend', securityHeaders({ hsts: Boolean(tls) || config.secureCookies }));
  app.addHook('onError', alertOnIntegrityError(ctx));
  app.setErrorHandler(errorHandler(ctx));

  app.get('/api/health', { config: { public: true }, schema: { hide: true } }, async () => ({
    ok: true,
  }));
  registerAuthRoutes(app, ctx, { name: cookieName, secure: config.secureCookies });
  registerOrgRoutes(app, ctx);
  registerDirectoryRoutes(app, ctx);
  registerPerformanceFileRoutes(app, ctx);
  registerImportRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerBackupRoutes(app, ctx);
  registerTemplateRoutes(app, ctx);
  registerRecordRoutes(app, ctx);
  registerCollaborationRoutes(app, ctx);
  registerRecordPdfRoutes(app, ctx);
  registerAttachmentRoutes(app, ctx);
  registerSignatureRoutes(app, ctx);
  registerScheduleRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerSystemRoutes(app, ctx);
  await registerWebApp(app, config.webDir);
  return app;
}
