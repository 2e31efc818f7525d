import { measure, percentile, type Measurement, type Target } from './load.js';
import { startNode, type Proc } from './processes.js';

export interface ReplicaSetup {
  /** Starts one more connector replica (on the slow simulator). */
  readonly startReplica: () => Promise<Proc>;
  /** Live replicas as mcp-front's /status reports them. */
  readonly instances: () => Promise<number>;
  /** The gateway target whose calls reach the slow simulator. */
  readonly target: Target;
  readonly counts: readonly number[];
  readonly concurrency: readonly number[];
  readonly seconds: number;
  readonly rounds: number;
  readonly latencyMs: number;
}

export interface ReplicaRow {
  readonly replicas: number;
  readonly concurrency: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

/**
 * Throughput of one connector with 1, 2 and 3 replicas against a backend with added latency. Replica
 * counts alternate within each round (the order rotates between rounds), so a noisy neighbour on the
 * machine affects them alike; replicas are added by starting processes and removed with SIGTERM, as an
 * operator scales them.
 */
export async function measureReplicas(setup: ReplicaSetup): Promise<ReplicaRow[]> {
  const running: Proc[] = [];
  const results: { replicas: number; m: Measurement }[] = [];
  const scaleTo = async (n: number) => {
    while (running.length < n) running.push(await setup.startReplica());
    while (running.length > n) await running.pop()?.stop();
    for (let i = 0; i < 200 && (await setup.instances()) !== n; i++) await sleep(50);
    if ((await setup.instances()) !== n) throw new Error(`the catalog never showed ${n} replica(s)`);
  };
  try {
    for (let round = 0; round < setup.rounds; round++) {
      const shift = round % setup.counts.length;
      const order = [...setup.counts.slice(shift), ...setup.counts.slice(0, shift)];
      for (const n of order) {
        await scaleTo(n);
        await measure(setup.target, 4, 0.5); // warm the new replica's connections
        for (const concurrency of setup.concurrency) {
          const m = await measure(setup.target, concurrency, setup.seconds);
          results.push({ replicas: n, m });
          process.stdout.write(
            `replicas=${n} c=${concurrency} round ${round + 1} ${(m.calls / m.seconds).toFixed(0).padStart(6)} calls/s  p50 ${percentile(m.latencies, 50).toFixed(2)} ms  errors ${m.errors}\n`,
          );
        }
      }
    }
  } finally {
    for (const p of running.reverse()) await p.stop();
  }
  return setup.counts.flatMap((replicas) =>
    setup.concurrency.map((concurrency) => {
      const runs = results.filter((r) => r.replicas === replicas && r.m.concurrency === concurrency);
      const median = (f: (m: Measurement) => number) => {
        const v = runs.map((r) => f(r.m)).sort((a, b) => a - b);
        return v[Math.floor(v.length / 2)] ?? NaN;
      };
      return {
        replicas,
        concurrency,
        rps: median((m) => m.calls / m.seconds),
        p50: median((m) => percentile(m.latencies, 50)),
        p99: median((m) => percentile(m.latencies, 99)),
        errors: runs.reduce((n, r) => n + r.m.errors, 0),
      };
    }),
  );
}

export function renderReplicas(rows: readonly ReplicaRow[], setup: Pick<ReplicaSetup, 'latencyMs'>): string {
  const rps = (replicas: number, concurrency: number) =>
    rows.find((r) => r.replicas === replicas && r.concurrency === concurrency)?.rps ?? NaN;
  const highest = Math.max(...rows.map((r) => r.concurrency));
  const scaling = rps(3, highest) / rps(1, highest);
  return [
    '## Connector replicas against a slow backend',
    '',
    `The same \`tools/call\` through mcp-front, against a second Home Assistant simulator that adds ${setup.latencyMs} ms to`,
    'every request, with 1, 2 and 3 replicas of connector-homeassistant in its queue group (added by starting',
    'processes, removed with SIGTERM; the counts alternate within each round). Median round:',
    '',
    '| replicas | concurrency | calls/s | p50 ms | p99 ms | errors |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.replicas} | ${r.concurrency} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors} |`,
    ),
    '',
    `3 replicas ÷ 1 replica at concurrency ${highest}: ${scaling.toFixed(2)}×.`,
    '',
    ...interpretation(scaling),
    '',
  ].join('\n');
}

/** What the measured ratio means; worded from the result, not assumed. */
function interpretation(scaling: number): string[] {
  if (!(scaling >= 1.2)) {
    return [
      'How to read it: a connector waits for its backend asynchronously, so one replica already keeps every',
      'call of the load in flight at once; while the backend latency dominates, throughput is concurrency ÷',
      'latency whatever the replica count. Replicas add throughput when a replica runs out of CPU; on this',
      'two-core machine, shared by every process, that happens to all of them together, so here replicas buy',
      'availability (see the failover test) rather than speed. On a host with more cores, or one replica per',
      'node, a CPU-bound connector scales with its replicas because NATS spreads calls over the queue group.',
    ];
  }
  return [
    'How to read it: the replicas share the load through the NATS queue group, and here one replica was the',
    'bottleneck (its CPU), so adding replicas added throughput.',
  ];
}

/** Starts a simulator that adds latency to every request. */
export function startSlowSimulator(
  entry: string,
  port: number,
  token: string,
  latencyMs: number,
): Promise<Proc> {
  return startNode(
    'slow-simulator',
    entry,
    { PORT: String(port), HOMEASSISTANT_TOKEN: token, SIM_LATENCY_MS: String(latencyMs) },
    /listening on/,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
