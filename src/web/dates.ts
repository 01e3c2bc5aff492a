import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from '../core/errors.js';
import { fromShanghaiWallTime, shanghaiWallTime } from './format.js';

/**
 * antd's pickers work on dayjs values in wall-clock terms. The product's time zone is Shanghai
 * whatever the browser's is, so instants pass through Shanghai wall time on the way in and out.
 */
export function dayjsFromInstant(iso: string | null | undefined): Dayjs | null {
  return iso ? dayjs(shanghaiWallTime(iso)) : null;
}

export function instantFromDayjs(value: Dayjs | null): string | null {
  return value ? fromShanghaiWallTime(value.format('YYYY-MM-DDTHH:mm')) : null;
}

/** A calendar date (`YYYY-MM-DD`) names a day, not an instant, and needs no zone. */
export function dayjsFromDate(date: string | null | undefined): Dayjs | null {
  return date ? dayjs(date) : null;
}

export function dateFromDayjs(value: Dayjs | null): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}

/** Month and weekday names in the pickers follow the UI language. */
export function setPickerLanguage(language: Locale): void {
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
}

/** Interviews start on the quarter hour of a working day, 09:00 to 17:45 in Shanghai. */
const SLOT_MINUTES = 15;
const FIRST_SLOT = 9 * 60;
const LAST_SLOT = 18 * 60 - SLOT_MINUTES;
// Shanghai keeps UTC+8 all year (no daylight saving), so its wall clock is a fixed shift.
const SHANGHAI_SHIFT_MS = 8 * 3_600_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The default time of an interview being arranged at `now`: the first quarter hour after it that
 * falls in working hours (Monday to Friday, 09:00–18:00 Shanghai). Public holidays are not known
 * here. Answers Shanghai wall time, `YYYY-MM-DDTHH:mm`.
 */
export function nextWorkingSlot(now: Date): string {
  const step = SLOT_MINUTES * MINUTE_MS;
  // the wall clock read as if it were UTC, so that UTC getters give Shanghai's fields
  let wall = Math.floor((now.getTime() + SHANGHAI_SHIFT_MS) / step) * step + step;
  for (;;) {
    const day = Math.floor(wall / DAY_MS) * DAY_MS;
    const minute = (wall - day) / MINUTE_MS;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6 || minute > LAST_SLOT)
      wall = day + DAY_MS + FIRST_SLOT * MINUTE_MS;
    else if (minute < FIRST_SLOT) wall = day + FIRST_SLOT * MINUTE_MS;
    else return new Date(wall).toISOString().slice(0, 16);
  }
}

/** The next working slot from now, for a picker's initial value. */
export function defaultInterviewTime(): Dayjs {
  return dayjs(nextWorkingSlot(new Date()));
}

/** The time part of every interview-time picker: hours and minutes, in quarter-hour steps. */
export const INTERVIEW_TIME_PICKER = { format: 'HH:mm', minuteStep: SLOT_MINUTES } as const;

/** Whether a picked interview time (Shanghai wall time) is already over. */
export function isPast(value: Dayjs, now = new Date()): boolean {
  return Date.parse(instantFromDayjs(value)!) < now.getTime();
}
