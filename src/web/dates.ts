import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from '../core/errors.js';
import { nextWorkingSlot, SLOT_MINUTES } from '../core/time.js';
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
