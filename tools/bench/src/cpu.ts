import { readFileSync, readdirSync } from 'node:fs';

/** CPU time (user + system) of a process in seconds, from /proc; undefined where /proc is unavailable. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Pids of running nats-server processes (the bus this benchmark uses is one of them). */
export function natsServerPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0')[0]?.endsWith('nats-server') ?? false;
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

export type CpuSample = Record<string, number>;

export function sample(pids: Readonly<Record<string, readonly number[]>>): CpuSample {
  const out: CpuSample = {};
  for (const [name, list] of Object.entries(pids))
    out[name] = list.reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0);
  return out;
}
