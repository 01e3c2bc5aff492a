import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextWorkingSlot } from '../../src/core/time.js';

/** An instant given as Shanghai wall time. */
const at = (wall: string) => new Date(`${wall}+08:00`);

describe('the next working slot', () => {
  it('is the next quarter hour within working hours', () => {
    // 2026-03-04 is a Wednesday
    expect(nextWorkingSlot(at('2026-03-04T10:07:31'))).toBe('2026-03-04T10:15');
    expect(nextWorkingSlot(at('2026-03-04T10:52:00'))).toBe('2026-03-04T11:00');
    // exactly on a slot: that slot is starting now, so the next one
    expect(nextWorkingSlot(at('2026-03-04T10:15:00'))).toBe('2026-03-04T10:30');
    expect(nextWorkingSlot(at('2026-03-04T17:30:00'))).toBe('2026-03-04T17:45');
  });

  it('waits for the morning before 09:00 and moves to the next day after the last slot', () => {
    expect(nextWorkingSlot(at('2026-03-04T06:40:00'))).toBe('2026-03-04T09:00');
    expect(nextWorkingSlot(at('2026-03-04T08:50:00'))).toBe('2026-03-04T09:00');
    expect(nextWorkingSlot(at('2026-03-04T17:45:00'))).toBe('2026-03-05T09:00');
    expect(nextWorkingSlot(at('2026-03-04T23:59:59'))).toBe('2026-03-05T09:00');
  });

  it('skips the weekend', () => {
    // Friday evening, Saturday and Sunday all lead to Monday morning
    expect(nextWorkingSlot(at('2026-03-06T18:00:00'))).toBe('2026-03-09T09:00');
    expect(nextWorkingSlot(at('2026-03-07T11:00:00'))).toBe('2026-03-09T09:00');
    expect(nextWorkingSlot(at('2026-03-08T23:50:00'))).toBe('2026-03-09T09:00');
  });

  it('counts in Shanghai time whatever the instant: UTC evening is the next Shanghai morning', () => {
    // 2026-03-04T23:30Z is Thursday 07:30 in Shanghai
    expect(nextWorkingSlot(new Date('2026-03-04T23:30:00Z'))).toBe('2026-03-05T09:00');
  });

  it('is always a later working-day quarter hour, at most three days ahead', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        (now) => {
          const slot = nextWorkingSlot(now);
          const instant = at(`${slot}:00`);
          const [hour, minute] = slot.slice(11).split(':').map(Number) as [number, number];
          const weekday = new Date(`${slot.slice(0, 10)}T00:00:00Z`).getUTCDay();
          expect(instant.getTime()).toBeGreaterThan(now.getTime());
          expect(instant.getTime() - now.getTime()).toBeLessThanOrEqual(3 * 86_400_000);
          expect(minute % 15).toBe(0);
          expect(hour * 60 + minute).toBeGreaterThanOrEqual(9 * 60);
          expect(hour * 60 + minute).toBeLessThan(18 * 60);
          expect([0, 6]).not.toContain(weekday);
        },
      ),
    );
  });
});
