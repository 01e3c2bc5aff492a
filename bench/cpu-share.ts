import fs from 'node:fs';
import os from 'node:os';
import { printOthers } from './print.js';

/**
 * How much CPU other processes took while something ran: the machine's busy time (from
 * /proc/stat) minus this process's own (all its threads), in cores on average. Other work on a
 * small machine moves latency under load a lot, so every scenario reports it. Linux only.
 */
export interface CpuWatch {
  /** cores used by other processes on average since the watch started; null off Linux */
  others(): number | null;
}

const CLOCK_TICKS = 100; // USER_HZ: /proc/stat counts in hundredths of a second on Linux

function machineBusySeconds(): number | null {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = cpu.slice(1, 9).map(Number);
    const busy = user! + nice! + system! + irq! + softirq! + (steal ?? 0);
    return Number.isFinite(busy) && idle !== undefined && iowait !== undefined
      ? busy / CLOCK_TICKS
      : null;
  } catch {
    return null;
  }
}

const ownSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

export function watchCpu(): CpuWatch {
  const machine = machineBusySeconds();
  const own = ownSeconds();
  const start = process.hrtime.bigint();
  return {
    others() {
      const now = machineBusySeconds();
      if (machine === null || now === null) return null;
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      return Math.max(0, now - machine - (ownSeconds() - own)) / Math.max(wall, 1e-3);
    },
  };
}

/** What else the machine did during one scenario: latency under load depends on it a lot. */
export interface MachineShare {
  /** 1-minute load average when the scenario started */
  loadAverage: number;
  /** cores other processes used on average during the scenario (null off Linux) */
  otherCpu: number | null;
}

/** Starts watching a scenario; `end()` prints and returns what else ran meanwhile. */
export function watchScenario(): { end(): MachineShare } {
  const loadAverage = os.loadavg()[0] ?? 0;
  const cpu = watchCpu();
  return {
    end() {
      const otherCpu = cpu.others();
      printOthers(otherCpu);
      return { loadAverage, otherCpu };
    },
  };
}
