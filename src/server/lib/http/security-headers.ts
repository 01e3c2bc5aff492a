import type { FastifyReply, FastifyRequest } from 'fastify';

/** A strict CSP: scripts from our origin only; styles from our origin or carrying this response's nonce. */
export function contentSecurityPolicy(styleNonce: string | null): string {
  const style = styleNonce ? `'self' 'nonce-${styleNonce}'` : `'self'`;
  return [
    `default-src 'self'`,
    `script-src 'self'`,
    `style-src ${style}`,
    `img-src 'self' data: blob:`,
    // PDFs (an attachment, the record's own) are previewed in a frame from a blob: URL whose
    // bytes the page fetched with its session
    `frame-src blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

export function securityHeaders(options: { hsts: boolean }) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (options.hsts)
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (!reply.hasHeader('content-security-policy'))
      reply.header('content-security-policy', contentSecurityPolicy(null));
    // Personal data must never sit in a shared or browser cache.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  };
}
