import type { ActivationSlip, CreateAccountsResult } from '../../../core/accounts.js';
import type { AppContext } from '../../context.js';
import type { MailMessage } from '../../lib/mail/sender.js';
import type { IssuedSlip } from './service.js';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const WORDS = {
  'zh-CN': {
    subject: '面谈：您的账号已开通，请首次登录',
    greeting: (name: string) => `${name}，您好：`,
    intro: '人事部门已为您开通面谈系统账号。请打开下面的网址，用用户名和激活码首次登录并设置密码。',
    username: '用户名',
    code: '激活码',
    expires: '有效期至',
    where: '登录网址',
    once: '激活码只能使用一次。若已过期或无法使用，请联系人事部门重新发放。',
  },
  'en-US': {
    subject: 'Miantan: your account is ready for its first sign-in',
    greeting: (name: string) => `Dear ${name},`,
    intro:
      'HR has created your Miantan account. Open the address below and sign in for the first time with your username and activation code, then set your password.',
    username: 'Username',
    code: 'Activation code',
    expires: 'Valid until',
    where: 'Sign in at',
    once: 'The code works once. If it has expired or does not work, ask HR for a new one.',
  },
} as const;

/** The expiry as the reader's clock shows it (China Standard Time, the product's default zone). */
function localTime(iso: string, locale: keyof typeof WORDS): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Asia/Shanghai',
  }).format(new Date(iso));
}

/** The e-mail that carries one activation code, in the recipient's language, HTML and text. */
export function activationMail(slip: IssuedSlip, to: string, signInUrl: string): MailMessage {
  const locale = slip.locale === 'en-US' ? 'en-US' : 'zh-CN';
  const w = WORDS[locale];
  const lines: [string, string][] = [
    [w.username, slip.username],
    [w.code, slip.code],
    [w.expires, localTime(slip.expiresAt, locale)],
    [w.where, signInUrl],
  ];
  const text = [
    w.greeting(slip.name),
    '',
    w.intro,
    '',
    ...lines.map(([k, v]) => `${k}: ${v}`),
    '',
    w.once,
    '',
  ].join('\n');
  const rows = lines
    .map(
      ([k, v]) =>
        `<tr><th align="left" style="padding:4px 12px 4px 0">${escapeHtml(k)}</th><td style="padding:4px 0;font-family:monospace;font-size:16px">${escapeHtml(v)}</td></tr>`,
    )
    .join('');
  const html = `<!doctype html><html lang="${locale}"><body><p>${escapeHtml(w.greeting(slip.name))}</p><p>${escapeHtml(w.intro)}</p><table>${rows}</table><p><a href="${escapeHtml(signInUrl)}">${escapeHtml(signInUrl)}</a></p><p>${escapeHtml(w.once)}</p></body></html>`;
  return { to, subject: w.subject, text, html };
}

/**
 * Hands the issued codes out once their accounts are committed: e-mails each to the people who
 * have an address when asked to and a relay is configured, and returns every slip to print.
 * A message the relay refuses is counted; that person's slip is the way left.
 */
export async function deliver(
  ctx: AppContext,
  issued: { created: number; skipped: number; slips: IssuedSlip[] },
  options: { email: boolean; signInUrl: string },
): Promise<CreateAccountsResult> {
  const mailer = options.email ? ctx.mailer : null;
  const sent = await Promise.all(
    issued.slips.map(async (slip): Promise<ActivationSlip> => {
      const { email, locale: _locale, ...printed } = slip;
      if (!mailer || !email) return { ...printed, mailed: false };
      try {
        await mailer.send(activationMail(slip, email, options.signInUrl));
        return { ...printed, mailed: true };
      } catch {
        return { ...printed, mailed: false };
      }
    }),
  );
  const mailed = sent.filter((s) => s.mailed).length;
  return {
    created: issued.created,
    skipped: issued.skipped,
    mailed,
    mailFailed: mailer ? issued.slips.filter((s) => s.email).length - mailed : 0,
    signInUrl: options.signInUrl,
    slips: sent,
  };
}
