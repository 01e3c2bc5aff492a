import nodemailer from 'nodemailer';

/** One message, in both forms: mail clients that show no HTML show the text. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * Sends over SMTP through the relay at `smtpUrl` (`smtp://user:pass@host:587`,
 * `smtps://host:465`); null when none is configured, and then nothing is ever e-mailed. A pool
 * keeps a few connections open, so a batch of messages does not open one connection each.
 */
export function createMailer(config: { smtpUrl: string | null; mailFrom: string }): Mailer | null {
  if (!config.smtpUrl) return null;
  const url = new URL(config.smtpUrl);
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 3,
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? {
          auth: {
            user: decodeURIComponent(url.username),
            pass: decodeURIComponent(url.password),
          },
        }
      : {}),
  });
  return {
    send: async (message) => {
      await transport.sendMail({ from: config.mailFrom, ...message });
    },
    close: () => transport.close(),
  };
}
