import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DEMO_NETWORK, demoVolumes } from '#demo';
import { agentsFor, type QueueSpec, type QueueVolume, siteNeeds, whatIf } from '#planning';

/**
 * bench:planning — a full network plan: every demo site × 48 intervals × 28 days, required agents
 * at a service-level target (80% in 20 s, occupancy ≤ 90%), through the same domain function the
 * capacity route runs (siteNeeds), against a bare loop of the Erlang B recursion over the same
 * inputs in the same run: for every (queue, site, interval) the recursion B(k) = A·B(k−1)/(k + A·B(k−1))
 * from k = 1 up to the agent count the plan found — as many steps as any Erlang method must take.
 * The plan runs the same recursion on 1/B (R(k) = 1 + (k/A)·R(k−1): a multiply-add per step where
 * the bare loop divides), so a step of it costs less than a step of the baseline.
 * ratio = bare loop / plan (goal ≥ 0.5). Erlang C and Erlang A (patience 180 s) are both measured.
 * The plan computes each distinct (queue, site, calls) load once per plan (siteNeeds remembers them);
 * the same plan with every load computed on its own is printed beside it, against the same loop.
 * Each sample times a batch of plans (one lasts about a millisecond), the three taken in turns.
 * Then the what-if answer for one site-week (336 intervals), p50 and p99 over BENCH_WHATIF calls
 * with a different AHT each time, as a user typing (goal p99 < 50 ms). Medians of BENCH_RUNS runs.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WHAT_IF_CALLS = Number(process.env.BENCH_WHATIF ?? 300);
const FIRST_DAY = '2026-11-02'; // a Monday
const DAYS = 28;
const AHT = 300;

const sites = DEMO_NETWORK.flatMap((partner) =>
  partner.sites.map((site, index) => ({
    id: `${partner.name}/${site.name}`,
    seats: site.installedSeats,
    partner: partner.name,
    index,
  })),
);

function queuesOf(patienceSeconds: number | null): QueueSpec[] {
  const base = {
    ahtSeconds: AHT,
    patienceSeconds,
    target: { kind: 'service_level' as const, seconds: 20, level: 0.8 },
    maxOccupancy: 0.9,
  };
  const own = sites.map((site) => ({
    ...base,
    id: site.id,
    name: site.id,
    sites: [{ siteId: site.id, share: 1 }],
  }));
  const outsourced = sites.filter((site) => site.partner !== DEMO_NETWORK[0].name).slice(0, 4);
  const shared: QueueSpec = {
    ...base,
    id: 'shared',
    name: 'shared',
    sites: outsourced.map((site) => ({ siteId: site.id, share: 1 / outsourced.length })),
  };
  return [...own, shared];
}

const volumes: QueueVolume[] = [
  ...sites.flatMap((site, i) =>
    demoVolumes(FIRST_DAY, DAYS, site.seats * 3.2, i + 1).map((v) => ({ queueId: site.id, ...v })),
  ),
  ...demoVolumes(FIRST_DAY, DAYS, 600, 99).map((v) => ({ queueId: 'shared', ...v })),
];

/** The same inputs for the bare loop: traffic and the agent count the plan reaches, per (queue, site, interval). */
function bareInputs(queues: QueueSpec[]): { traffic: Float64Array; agents: Int32Array } {
  const byId = new Map(queues.map((queue) => [queue.id, queue]));
  const traffic: number[] = [];
  const agents: number[] = [];
  for (const volume of volumes) {
    const queue = byId.get(volume.queueId)!;
    for (const { share } of queue.sites) {
      const calls = volume.calls * share;
      if (calls <= 0) continue;
      traffic.push((calls * AHT) / 1800);
      agents.push(agentsFor(queue, calls));
    }
  }
  return { traffic: Float64Array.from(traffic), agents: Int32Array.from(agents) };
}

function bareLoop({ traffic, agents }: { traffic: Float64Array; agents: Int32Array }): number {
  let sink = 0;
  for (let i = 0; i < traffic.length; i++) {
    const a = traffic[i];
    let b = 1;
    for (let k = 1; k <= agents[i]; k++) b = (a * b) / (k + a * b);
    sink += b;
  }
  return sink;
}

const shrinkage = () => ({ inShift: 0.15, absence: 0.06 });
const span = { from: volumes[0].start, intervals: 48 * DAYS + 2 };
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const percentile = (values: number[], p: number) =>
  [...values].sort((x, y) => x - y)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
const time = (work: () => unknown) => {
  const start = performance.now();
  work();
  return performance.now() - start;
};

/** Every (queue, site, interval) load computed on its own, nothing remembered: the plan before it kept its loads. */
function everyLoad(queues: QueueSpec[]): number {
  const byId = new Map(queues.map((queue) => [queue.id, queue]));
  let sink = 0;
  for (const volume of volumes) {
    const queue = byId.get(volume.queueId)!;
    for (const { share } of queue.sites) sink += agentsFor(queue, volume.calls * share);
  }
  return sink;
}

/** Median time of `batch` calls, over RUNS samples taken in turns with the others (same machine load). */
function timeInTurns(works: Array<() => unknown>, batch: number): number[] {
  const samples = works.map(() => [] as number[]);
  for (let run = 0; run < RUNS; run++)
    works.forEach((work, index) =>
      samples[index].push(
        time(() => {
          for (let i = 0; i < batch; i++) work();
        }) / batch,
      ),
    );
  return samples.map(median);
}

function measurePlan(label: string, patience: number | null) {
  const queues = queuesOf(patience);
  const inputs = bareInputs(queues);
  const planned = siteNeeds(queues, volumes, shrinkage, span).size;
  const plan = () => siteNeeds(queues, volumes, shrinkage, span);
  const bare = () => bareLoop(inputs);
  const each = () => everyLoad(queues);
  // warm-up: all compiled by the JIT before they are timed
  const warm = performance.now();
  while (performance.now() - warm < 1500) {
    plan();
    bare();
    each();
  }
  // a sample of one plan lasts about a millisecond: batches, so a scheduler tick is not the measure
  const [ours, baseline, everyTime] = timeInTurns([plan, bare, each], patience === null ? 20 : 2);
  const agentSteps = inputs.agents.reduce((sum, n) => sum + n, 0);
  const distinct = new Set(volumes.filter((v) => v.calls > 0).map((v) => `${v.queueId}:${v.calls}`)).size;
  console.log(
    `${label}: ${planned} sites × ${48 * DAYS} intervals, ${inputs.traffic.length} (queue, site, interval) loads ` +
      `(${distinct} distinct (queue, calls)), ${agentSteps} recursion steps; plan median ${ours.toFixed(2)} ms, ` +
      `bare Erlang B loop median ${baseline.toFixed(2)} ms; ratio bare / plan = ${(baseline / ours).toFixed(2)} ` +
      `(goal ≥ 0.5); every load computed on its own: ${everyTime.toFixed(2)} ms, ratio ${(baseline / everyTime).toFixed(2)}`,
  );
  return baseline / ours;
}

function measureWhatIf(label: string, patience: number | null) {
  const busiest = sites.reduce((best, site) => (site.seats > best.seats ? site : best));
  const week = volumes.filter((v) => v.queueId === busiest.id).slice(0, 48 * 7);
  const calls = week.map((v) => v.calls);
  const target = { kind: 'service_level' as const, seconds: 20, level: 0.8 };
  const medians: number[] = [];
  const p99s: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const times: number[] = [];
    for (let i = 0; i < WHAT_IF_CALLS; i++) {
      const ahtSeconds = 180 + ((i * 7) % 240);
      times.push(
        time(() =>
          whatIf({ calls, ahtSeconds, patienceSeconds: patience, target, maxOccupancy: 0.9, shrinkage: 0.3 }),
        ),
      );
    }
    medians.push(percentile(times, 50));
    p99s.push(percentile(times, 99));
  }
  console.log(
    `what-if ${label}, one site-week (${calls.length} intervals, ${busiest.seats} seats): p50 ${median(medians).toFixed(2)} ms, ` +
      `p99 ${median(p99s).toFixed(2)} ms (median of ${RUNS} runs of ${WHAT_IF_CALLS}; goal p99 < 50 ms)`,
  );
}

console.log(
  `bench:planning — ${sites.length} demo sites, ${DAYS} days from ${FIRST_DAY}, ${RUNS} runs; no database ` +
    `(the same figures in both modes); ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}`,
);
const ratioC = measurePlan('Erlang C plan', null);
measurePlan('Erlang A plan (patience 180 s)', 180);
measureWhatIf('Erlang C', null);
measureWhatIf('Erlang A (patience 180 s)', 180);
if (ratioC < 0.5) process.exitCode = 1;
