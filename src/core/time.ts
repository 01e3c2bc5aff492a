/** Midnight of the calendar day `date` falls on in `timeZone`, as an instant. */
export function startOfDayIn(date: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wallClockAsUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  const offset = wallClockAsUtc - Math.floor(date.getTime() / 1000) * 1000;
  return new Date(Date.UTC(get('year'), get('month') - 1, get('day')) - offset);
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Interviews start on the quarter hour of a working day, 09:00 to 17:45 in Shanghai. */
export const SLOT_MINUTES = 15;
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
