/**
 * How a download is named: the original name (UTF-8, RFC 6266 / 5987) and an ASCII stand-in for
 * old clients, both free of quotes and control characters.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The policy a file is served under when opened directly: it may load nothing, run nothing and
 * be framed by nobody. Images also run sandboxed; a PDF cannot be, since the browser's PDF viewer
 * refuses to work in a sandbox (the page previews it from a blob instead).
 */
export function attachmentCsp(mediaType: string): string {
  const policy = [
    `default-src 'none'`,
    `img-src 'self'`,
    `style-src 'unsafe-inline'`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `frame-ancestors 'none'`,
  ];
  if (mediaType !== 'application/pdf') policy.push('sandbox');
  return policy.join('; ');
}
