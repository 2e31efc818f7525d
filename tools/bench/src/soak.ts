import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { measure, percentile, type Target } from './load.js';
import type { Proc } from './processes.js';

export interface SoakOptions {
  readonly target: Target;
  readonly minutes: number;
  /** Seconds per reported interval. */
  readonly intervalSeconds: number;
  /** Where each process serves /metrics, by name (its heap is read from there). */
  readonly metrics: Readonly<Record<string, { readonly proc: Proc; readonly url: string }>>;
  /** Fraction of the measured capacity to run at. */
  readonly fraction: number;
}

interface MemoryPoint {
  readonly heapMb: number;
  readonly rssMb: number;
}

export interface SoakInterval {
  readonly minute: number;
  readonly rps: number;
  readonly errors: number;
  readonly p50: number;
  readonly p99: number;
  readonly memory: Readonly<Record<string, MemoryPoint>>;
}

export interface SoakReport {
  readonly capacity: number;
  readonly rate: number;
  readonly intervals: readonly SoakInterval[];
  readonly errors: number;
  readonly calls: number;
  readonly behind: number;
}

/**
 * `npm run bench -- --soak`: measures the gateway's capacity, then sends calls at a fixed fraction of it
 * (an open loop: calls go out on schedule whether or not earlier ones have answered) for the given time,
 * recording throughput, errors, latency, and each process's heap and resident memory per interval.
 */
export async function soak(options: SoakOptions): Promise<SoakReport> {
  await measure(options.target, 8, 3); // warm-up
  const probe = await measure(options.target, 8, 10);
  const capacity = probe.calls / probe.seconds;
  const rate = Math.max(1, Math.round(capacity * options.fraction));
  process.stdout.write(`capacity ${capacity.toFixed(0)} calls/s; soaking at ${rate} calls/s\n`);

  const pool = new Pool(options.target.origin, { connections: 64, pipelining: 1, keepAliveTimeout: 60_000 });
  const intervals: SoakInterval[] = [];
  let latencies: number[] = [];
  let errors = 0;
  let totalErrors = 0;
  let totalCalls = 0;
  let behind = 0;
  let inFlight = 0;
  const started = performance.now();
  const end = started + options.minutes * 60_000;
  let issued = 0;
  let intervalStart = started;
  let callsInInterval = 0;

  const one = async () => {
    inFlight++;
    const t0 = performance.now();
    try {
      const res = await pool.request({
        method: options.target.method,
        path: options.target.path,
        headers: options.target.headers,
        body: options.target.body,
      });
      const text = await res.body.text();
      if (options.target.check(res.statusCode, text)) latencies.push(performance.now() - t0);
      else errors++;
    } catch {
      errors++;
    } finally {
      inFlight--;
      callsInInterval++;
    }
  };

  const pending = new Set<Promise<void>>();
  while (performance.now() < end) {
    const now = performance.now();
    const due = Math.floor(((now - started) / 1000) * rate);
    for (; issued < due; issued++) {
      // A gateway that stops keeping up shows as calls that could not be sent, not as unbounded queueing.
      if (inFlight >= 512) {
        behind++;
        continue;
      }
      const p = one();
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }
    if (now - intervalStart >= options.intervalSeconds * 1000) {
      const sorted = Float64Array.from(latencies).sort();
      intervals.push({
        minute: (now - started) / 60_000,
        rps: callsInInterval / ((now - intervalStart) / 1000),
        errors,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        memory: await memory(options.metrics),
      });
      const last = intervals[intervals.length - 1];
      process.stdout.write(
        `${last?.minute.toFixed(1)} min: ${last?.rps.toFixed(0)} calls/s, ${errors} errors, p99 ${last?.p99.toFixed(1)} ms, ${Object.entries(
          last?.memory ?? {},
        )
          .map(([n, m]) => `${n} heap ${m.heapMb.toFixed(1)} MB rss ${m.rssMb.toFixed(1)} MB`)
          .join(', ')}\n`,
      );
      totalErrors += errors;
      totalCalls += callsInInterval;
      latencies = [];
      errors = 0;
      callsInInterval = 0;
      intervalStart = now;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(pending);
  await pool.close();
  return {
    capacity,
    rate,
    intervals,
    errors: totalErrors + errors,
    calls: totalCalls + callsInInterval,
    behind,
  };
}

async function memory(targets: SoakOptions['metrics']): Promise<Record<string, MemoryPoint>> {
  const out: Record<string, MemoryPoint> = {};
  for (const [name, { proc, url }] of Object.entries(targets)) {
    const text = await (await fetch(url)).text();
    const heap = Number(/^nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1] ?? NaN);
    out[name] = { heapMb: heap / 2 ** 20, rssMb: rss(proc.proc.pid ?? 0) / 2 ** 20 };
  }
  return out;
}

function rss(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb) * 1024;
  } catch {
    return NaN;
  }
}

/**
 * Memory is flat when the last third of the run holds no more than the first third plus a margin: heaps
 * move with garbage collection, so medians of thirds, not single samples, are compared.
 */
export function memoryVerdict(
  intervals: readonly SoakInterval[],
  name: string,
): { flat: boolean; text: string } {
  const third = Math.max(1, Math.floor(intervals.length / 3));
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const early = median(intervals.slice(0, third).map((i) => i.memory[name]?.heapMb ?? NaN));
  const late = median(intervals.slice(-third).map((i) => i.memory[name]?.heapMb ?? NaN));
  const flat = late <= early * 1.2 + 5;
  return {
    flat,
    text: `${name}: median heap ${early.toFixed(1)} MB in the first third, ${late.toFixed(1)} MB in the last (${flat ? 'flat' : '**growing**'}; allowed: +20 % + 5 MB)`,
  };
}

export function renderSoak(report: SoakReport, names: readonly string[], minutes: number): string {
  const verdicts = names.map((n) => memoryVerdict(report.intervals, n));
  return [
    '# Soak',
    '',
    `Measured by \`npm run bench -- --soak\` on ${new Date().toISOString().slice(0, 10)}: \`tools/call homeassistant_get_state\``,
    `through mcp-front for ${minutes} minutes at half the measured capacity (${report.capacity.toFixed(0)} calls/s measured,`,
    `${report.rate} calls/s sent on a fixed schedule).`,
    '',
    `- calls answered: ${report.calls}; errors: ${report.errors} (${report.errors === 0 ? 'none' : '**not zero**'}); calls not sent because 512 were still waiting: ${report.behind}`,
    ...verdicts.map((v) => `- ${v.text}`),
    '',
    `| minute | calls/s | errors | p50 ms | p99 ms | ${names.map((n) => `${n} heap MB | ${n} RSS MB`).join(' | ')} |`,
    `| ---: | ---: | ---: | ---: | ---: | ${names.map(() => '---: | ---:').join(' | ')} |`,
    ...report.intervals.map(
      (i) =>
        `| ${i.minute.toFixed(1)} | ${i.rps.toFixed(0)} | ${i.errors} | ${i.p50.toFixed(2)} | ${i.p99.toFixed(2)} | ${names
          .map(
            (n) => `${(i.memory[n]?.heapMb ?? NaN).toFixed(1)} | ${(i.memory[n]?.rssMb ?? NaN).toFixed(1)}`,
          )
          .join(' | ')} |`,
    ),
    '',
  ].join('\n');
}
