// What the kernel knows about a child: peak resident memory and CPU time. The pty spawns node
// itself (no shell in between), so the pid it reports is the app's own process.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { now } from '../../harness/pty.js';

// Kilobytes of VmHWM (peak resident set), or null once the process is gone.
export function peakRssKb(pid: number): number | null {
  return statusField(pid, 'VmHWM');
}

export function rssKb(pid: number): number | null {
  return statusField(pid, 'VmRSS');
}

function statusField(pid: number, name: string): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

// utime + stime of the process, in seconds.
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5); the remainder starts at field 3.
    const utime = Number(fields[14 - 3]);
    const stime = Number(fields[15 - 3]);
    return (utime + stime) / clockTicks();
  } catch {
    return null;
  }
}

let ticks: number | null = null;
function clockTicks(): number {
  if (ticks === null) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

// Milliseconds the process's main thread (the one running JavaScript) spent runnable but waiting
// for a CPU (schedstat's second field). On a quiet machine it stays near zero; here it says how
// much of a figure is the machine's load rather than the app. A process that waits much of the
// time wanted more CPU than it got: its CPU % is then a floor, not its demand.
export function runQueueWaitMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(' ');
    return Number(fields[1]) / 1e6;
  } catch {
    return null;
  }
}

// Microseconds, since boot, during which at least one task on the machine waited for a CPU
// (/proc/pressure/cpu "some"); null where the kernel has no PSI.
export function cpuPressureUs(): number | null {
  try {
    const match = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

// A process's CPU use and run-queue wait over a window (from now until the returned function is
// called), as % of the window.
export function processWindow(pid: number): () => { cpuPercent: number; runQueueWaitPercent: number } {
  const [cpu, wait, started] = [cpuSeconds(pid) ?? 0, runQueueWaitMs(pid) ?? 0, now()];
  return () => {
    const elapsed = now() - started;
    return {
      cpuPercent: (((cpuSeconds(pid) ?? 0) - cpu) * 1000 * 100) / elapsed,
      runQueueWaitPercent: (((runQueueWaitMs(pid) ?? 0) - wait) * 100) / elapsed,
    };
  };
}
