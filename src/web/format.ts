import type { Locale } from '../core/errors.js';

/** Users have no time zone setting yet; the product's default applies to everyone. */
const TIME_ZONE = 'Asia/Shanghai';

export function formatDateTime(iso: string, language: Locale): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) names a day, not an instant: shown as is, never shifted by zone. */
export function formatDate(date: string, language: Locale): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** Org units carry an English name that may be missing; Chinese is the fallback. */
export function localName(unit: { name: string; nameEn: string | null }, language: Locale): string {
  return language === 'en-US' && unit.nameEn ? unit.nameEn : unit.name;
}

/** A size in bytes, in decimal units (kB, MB, GB). */
export function formatBytes(bytes: number, language: Locale): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    maximumFractionDigits: 1,
  }).format(value);
}

/** Date and minutes, for lists and headers where seconds are noise. */
export function formatDateTimeShort(iso: string, language: Locale): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

/** hh:mm, for "saved at". */
export function formatTime(iso: string, language: Locale): string {
  return new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

// Asia/Shanghai keeps +08:00 all year (no daylight saving), so wall time converts with a constant.
const SHANGHAI_OFFSET = '+08:00';

/** An instant as Shanghai wall-clock time, `YYYY-MM-DDTHH:mm`, for date-time inputs. */
export function shanghaiWallTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** Shanghai wall-clock time (`YYYY-MM-DDTHH:mm`) as an ISO instant with its offset. */
export function fromShanghaiWallTime(wall: string): string {
  return `${wall}:00${SHANGHAI_OFFSET}`;
}

/** The first and last instant of a calendar day in Shanghai, for date-range filters. */
export function shanghaiDayStart(date: string): string {
  return `${date}T00:00:00${SHANGHAI_OFFSET}`;
}

export function shanghaiDayEnd(date: string): string {
  return `${date}T23:59:59.999${SHANGHAI_OFFSET}`;
}

/** Template texts come in Chinese and, optionally, English: the UI's language, else Chinese. */
export function localized(text: { zh: string; en: string }, language: Locale): string {
  return language === 'en-US' && text.en.trim() ? text.en : text.zh;
}
