import type { PdfLanguage } from '../../../core/records/pdf.js';

/** An instant as wall time in `timeZone` with its offset: "2026-12-01 10:00:00 UTC+8". */
export function formatInstant(iso: string, timeZone: string, seconds = true): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const time = [get('hour'), get('minute'), ...(seconds ? [get('second')] : [])].join(':');
  const offset = get('timeZoneName').replace('GMT', 'UTC');
  return `${get('year')}-${get('month')}-${get('day')} ${time} ${offset === 'UTC' ? 'UTC' : offset}`;
}

export function formatSize(bytes: number, language: PdfLanguage): string {
  const units = language === 'zh-CN' ? ['字节', 'KB', 'MB'] : ['bytes', 'KB', 'MB'];
  if (bytes < 1024) return `${bytes} ${units[0]}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} ${units[1]}`;
  return `${(bytes / 1024 / 1024).toFixed(1)} ${units[2]}`;
}
