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
