import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  /** `postgres://…` selects PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl: string | null;
  dataDir: string;
  sqlitePath: string;
  host: string;
  port: number;
  /** base64 32-byte master key; when absent the key file is used (created 0600). */
  masterKey: string | null;
  /** every node of one installation reads the same key file, so a rotation reaches them all */
  keyFile: string;
  tlsCert: string | null;
  tlsKey: string | null;
  /** Proxies whose X-Forwarded-For is believed (Fastify trustProxy syntax). */
  trustProxy: string | boolean;
  /** Cookies are Secure/__Host- when the public URL is https (directly or behind a proxy). */
  secureCookies: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** how often expired sessions are removed (once across nodes) */
  sessionSweepSeconds: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  loginRatePerMinute: number;
  /** how long signing stays locked after 5 failed re-authentications in a row */
  signingLockoutMinutes: number;
  /** days after a refusal before HR may archive the refused record */
  refusalArchiveDays: number;
  /** people searches (to @mention) per user per minute */
  peopleSearchRatePerMinute: number;
  /** where signed audit checkpoints are kept: outside the database, ideally another disk or host */
  checkpointDir: string;
  /** PEM of the Ed25519 audit key; when absent a key file in checkpointDir is used (created 0600) */
  auditSigningKey: string | null;
  /** the platform seal key (Ed25519, PEM; created 0600 when missing); retired public keys beside it */
  sealKeyFile: string;
  /** RFC 3161 timestamp authorities, tried in this order; none: seals carry no timestamp */
  tsaUrls: string[];
  /** PEM bundle of the roots a timestamp authority's certificate must chain to */
  tsaCaFile: string | null;
  /** per authority tried */
  tsaTimeoutMs: number;
  /** where backups go; the default beside the database does not survive the loss of its disk */
  backupDir: string;
  /** hours between scheduled backups; null: none are scheduled */
  backupEveryHours: number | null;
  /** backups kept: after each new one, the oldest beyond this many are deleted */
  backupKeep: number;
  /** a checkpoint is signed at start, then once this many entries or minutes have passed */
  checkpointEveryEntries: number;
  checkpointEveryMinutes: number;
  /**
   * The address people reach Miantan at (e.g. https://miantan.example.com): the verification link
   * in PDFs, the sign-in address on activation slips and e-mails; null: taken from the request.
   */
  publicUrl: string | null;
  /** where attachments are stored (encrypted) on local disk */
  attachmentsDir: string;
  /** the largest attachment accepted, in bytes */
  attachmentMaxBytes: number;
  /** attachments one record may hold */
  attachmentsPerRecord: number;
  /** days an activation code stays valid */
  activationDays: number;
  /** wrong codes tried against one activation code before it is void */
  activationMaxAttempts: number;
  /** `smtp://` or `smtps://` URL of the mail relay; null: no e-mail, slips only */
  smtpUrl: string | null;
  mailFrom: string;
  demo: boolean;
  logLevel: string;
  webDir: string;
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a positive integer, got ${value}`);
  return n;
}

function urls(value: string | undefined): string[] {
  const list = (value ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const u of list)
    if (!URL.canParse(u) || !['http:', 'https:'].includes(new URL(u).protocol))
      throw new Error(`expected an http(s) URL, got ${u}`);
  return list;
}

function trustProxy(value: string | undefined): string | boolean {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return value;
}

function publicUrl(value: string | undefined): string | null {
  if (!value) return null;
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`MIANTAN_PUBLIC_URL must be an http(s) address, got ${value}`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.MIANTAN_DATA_DIR ?? 'data');
  const tlsCert = env.MIANTAN_TLS_CERT ?? null;
  const tlsKey = env.MIANTAN_TLS_KEY ?? null;
  return {
    databaseUrl: env.DATABASE_URL?.startsWith('postgres') ? env.DATABASE_URL : null,
    dataDir,
    sqlitePath: path.join(dataDir, 'miantan.db'),
    host: env.HOST ?? '0.0.0.0',
    // 0 lets the system pick a free port (the line printed at start names it)
    port: env.PORT === '0' ? 0 : int(env.PORT, 3000),
    masterKey: env.MIANTAN_MASTER_KEY ?? null,
    keyFile: path.resolve(env.MIANTAN_KEY_FILE ?? path.join(dataDir, 'master.keys')),
    tlsCert,
    tlsKey,
    trustProxy: trustProxy(env.MIANTAN_TRUST_PROXY),
    secureCookies: Boolean(tlsCert) || env.MIANTAN_SECURE_COOKIES === 'true',
    sessionIdleMinutes: int(env.MIANTAN_SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: int(env.MIANTAN_SESSION_ABSOLUTE_HOURS, 12),
    sessionSweepSeconds: int(env.MIANTAN_SESSION_SWEEP_SECONDS, 600),
    lockoutThreshold: int(env.MIANTAN_LOCKOUT_THRESHOLD, 5),
    lockoutMinutes: int(env.MIANTAN_LOCKOUT_MINUTES, 15),
    loginRatePerMinute: int(env.MIANTAN_LOGIN_RATE_PER_MINUTE, 30),
    signingLockoutMinutes: int(env.MIANTAN_SIGNING_LOCKOUT_MINUTES, 15),
    refusalArchiveDays: int(env.MIANTAN_REFUSAL_ARCHIVE_DAYS, 7),
    peopleSearchRatePerMinute: int(env.MIANTAN_PEOPLE_SEARCH_RATE_PER_MINUTE, 30),
    checkpointDir: path.resolve(env.MIANTAN_CHECKPOINT_DIR ?? path.join(dataDir, 'audit')),
    auditSigningKey: env.MIANTAN_AUDIT_SIGNING_KEY ?? null,
    sealKeyFile: path.resolve(env.MIANTAN_SEAL_KEY_FILE ?? path.join(dataDir, 'seal.key')),
    tsaUrls: urls(env.MIANTAN_TSA_URL),
    tsaCaFile: env.MIANTAN_TSA_CA_FILE ? path.resolve(env.MIANTAN_TSA_CA_FILE) : null,
    tsaTimeoutMs: int(env.MIANTAN_TSA_TIMEOUT_MS, 10_000),
    backupDir: path.resolve(env.MIANTAN_BACKUP_DIR ?? path.join(dataDir, 'backups')),
    backupEveryHours: env.MIANTAN_BACKUP_EVERY_HOURS
      ? int(env.MIANTAN_BACKUP_EVERY_HOURS, 0)
      : null,
    backupKeep: int(env.MIANTAN_BACKUP_KEEP, 14),
    checkpointEveryEntries: int(env.MIANTAN_CHECKPOINT_EVERY_ENTRIES, 1000),
    checkpointEveryMinutes: int(env.MIANTAN_CHECKPOINT_EVERY_MINUTES, 5),
    publicUrl: publicUrl(env.MIANTAN_PUBLIC_URL),
    attachmentsDir: path.resolve(env.MIANTAN_ATTACHMENTS_DIR ?? path.join(dataDir, 'attachments')),
    attachmentMaxBytes: int(env.MIANTAN_ATTACHMENT_MAX_MB, 20) * 1000 * 1000,
    attachmentsPerRecord: int(env.MIANTAN_ATTACHMENTS_PER_RECORD, 10),
    activationDays: int(env.MIANTAN_ACTIVATION_DAYS, 14),
    activationMaxAttempts: int(env.MIANTAN_ACTIVATION_MAX_ATTEMPTS, 5),
    smtpUrl: env.MIANTAN_SMTP_URL || null,
    mailFrom: env.MIANTAN_MAIL_FROM ?? 'Miantan <no-reply@localhost>',
    demo: env.MIANTAN_DEMO !== 'false',
    logLevel: env.LOG_LEVEL ?? 'info',
    // the built UI sits beside the compiled server: dist/src/server → dist/web
    webDir: path.resolve(
      env.MIANTAN_WEB_DIR ?? fileURLToPath(new URL('../../web', import.meta.url)),
    ),
  };
}
