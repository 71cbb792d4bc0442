import { DeliveredHoursService, ContractsService, monthSpan } from '#billing';
import { OccupancyRollup } from '#live';
import { UNRESTRICTED } from '#core';
import { insertBenchSites, startBenchApi } from '../support/bench-api.js';
import { type BenchServers, describeRun, withBenchServers } from '../support/mode.js';

/**
 * bench:billing — a month of seat-minute history for 600 seats (6 sites x 100 seats, one row per
 * site and minute as live.rollup writes it: 6 x 31 x 1,440 = 267,840 rows) turned into delivered
 * hours by site, 30-minute interval and state, with billable hours, requests and adherence, by
 * the billing service (live's interval aggregation, then the billing rules per local day), against
 * one bare SQL aggregation of the same rows by site, interval and state, in the same run on the same
 * scratch PostgreSQL database (DATABASE_URL's server, else the embedded server: ../support/mode.ts). Ratio = bare time / our time (1 = as fast as the bare query);
 * median of RUNS rounds, each side warmed once first.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SITES = 6;
const SEATS_PER_SITE = 100;
const MONTH = '2026-03';
const ZONE = 'Africa/Casablanca';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const BARE_SQL = `
  SELECT site_id, to_timestamp(floor(extract(epoch FROM minute) / 1800) * 1800) AS start, count(*) AS minutes,
         sum(offline) AS offline, sum(available) AS available, sum(on_call) AS on_call, sum(wrap_up) AS wrap_up,
         sum(paused) AS paused, sum(paused_break) AS paused_break, sum(paused_lunch) AS paused_lunch,
         sum(paused_training) AS paused_training, sum(paused_briefing) AS paused_briefing,
         sum(paused_coaching) AS paused_coaching, sum(paused_technical) AS paused_technical
    FROM live_site_minute
   WHERE site_id = ANY($1::uuid[]) AND minute >= $2 AND minute < $3
   GROUP BY 1, 2`;

async function bench(servers: BenchServers): Promise<void> {
  const { app, db, close } = await startBenchApi(servers);
  try {
    await app.init();
    const { partnerId, siteIds } = await insertBenchSites(db, SITES, SEATS_PER_SITE, ZONE);
    const span = monthSpan(MONTH, ZONE);
    const [from, to] = [new Date(span.from), new Date(span.to)];
    // a plausible day: seats staffed 09:00-21:00 UTC, split between states by a cheap hash of the minute
    await db.query(
      `INSERT INTO live_site_minute (site_id, minute, seats, offline, available, on_call, wrap_up, paused, staffed,
                                     occupancy, paused_break, paused_lunch, paused_training, paused_briefing,
                                     paused_coaching, paused_technical)
       SELECT s.id, m, $4, $4 - staffed, staffed - busy - wrap - paused, busy, wrap, paused, staffed, NULL,
              paused / 3, paused / 3, paused - 2 * (paused / 3), 0, 0, 0
         FROM unnest($1::uuid[]) AS s(id),
              generate_series($2::timestamptz, $3::timestamptz - interval '1 minute', interval '1 minute') AS m,
              LATERAL (SELECT CASE WHEN extract(hour FROM m) BETWEEN 9 AND 20
                                   THEN 60 + (extract(epoch FROM m)::bigint / 60 % 31)::int ELSE 0 END AS staffed) a,
              LATERAL (SELECT a.staffed * 6 / 10 AS busy, a.staffed / 10 AS wrap, a.staffed / 10 AS paused) b`,
      [siteIds, from, to, SEATS_PER_SITE],
    );
    await db.query(`VACUUM ANALYZE live_site_minute`);
    const rows = (
      await db.query(`SELECT count(*)::int AS n FROM live_site_minute WHERE site_id = ANY($1::uuid[])`, [
        siteIds,
      ])
    ).rows[0].n;
    const contracts = app.get(ContractsService);
    await contracts.create(UNRESTRICTED, 'bench', {
      partnerId,
      name: 'Bench',
      basis: 'productive_hour',
      currency: 'MAD',
      validFrom: '2026-01-01',
      billableStates: ['on_call', 'wrap_up', 'available'],
      billablePauseReasons: ['training'],
      rates: [{ validFrom: '2026-01-01', amount: 95 }],
      sla: {
        minIntervalAdherence: 0.9,
        adherenceTolerance: 0.1,
        targetShareWithinTolerance: 0.8,
        creditPerAdherenceBreach: 100,
        creditPerMissedMonth: 1000,
        invoiceTolerance: 0.02,
        creditPerLateReport: 0,
        creditPerComplianceIncident: 0,
      },
    });
    const delivered = app.get(DeliveredHoursService);
    console.log(
      `bench:billing — ${SITES * SEATS_PER_SITE} seats, ${rows} site-minutes of ${MONTH} (${ZONE}), ${RUNS} rounds; ${describeRun(servers)}`,
    );
    const ours = async () => {
      let intervals = 0;
      for (const siteId of siteIds)
        for (const day of await delivered.month(UNRESTRICTED, siteId, MONTH))
          intervals += day.intervals.length;
      return intervals;
    };
    const history = app.get(OccupancyRollup);
    const sqlOnly = async () => {
      await history.seatMinutesByInterval(siteIds, from, to);
    };
    const bare = async () => (await db.query(BARE_SQL, [siteIds, from, to])).rows.length;
    await ours();
    await bare();
    const oursMs: number[] = [];
    const bareMs: number[] = [];
    const sqlMs: number[] = [];
    for (let round = 1; round <= RUNS; round++) {
      let started = performance.now();
      const intervals = await ours();
      oursMs.push(performance.now() - started);
      started = performance.now();
      const groups = await bare();
      bareMs.push(performance.now() - started);
      started = performance.now();
      await sqlOnly();
      sqlMs.push(performance.now() - started);
      if (groups !== intervals)
        throw new Error(`bare query found ${groups} intervals, the service ${intervals}`);
      console.log(
        `  round ${round}: service ${oursMs[round - 1].toFixed(0)} ms (its history reads alone ${sqlMs[round - 1].toFixed(0)} ms), bare SQL ${bareMs[round - 1].toFixed(0)} ms, ` +
          `ratio ${(bareMs[round - 1] / oursMs[round - 1]).toFixed(2)}`,
      );
    }
    const ratios = oursMs.map((time, index) => bareMs[index] / time);
    console.log(
      `median: service ${median(oursMs).toFixed(0)} ms (${Math.round(rows / (median(oursMs) / 1000))} site-minutes/s), ` +
        `bare SQL ${median(bareMs).toFixed(0)} ms`,
    );
    console.log(
      `ratio (bare SQL time / service time), median of ${RUNS}: ${median(ratios).toFixed(2)} (goal >= 0.5)`,
    );
    console.log(`${describeRun(servers)} (shared by both sides)`);
  } finally {
    await close();
  }
}

await withBenchServers(bench);
