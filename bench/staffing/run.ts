import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { CSV_COLUMNS, ReportAftermath } from '#staffing';
import { insertBenchSites, startBenchApi } from '../support/bench-api.js';
import { type BenchServers, describeRun, withBenchServers } from '../support/mode.js';

/**
 * bench:staffing — a CSV upload of ROWS staffing reports end to end over HTTP (multipart, auth,
 * row-by-row validation, versioning, one transaction, events) against a bare `COPY` of the same
 * rows into the same table through pg, in the same run, on the same scratch PostgreSQL
 * database (DATABASE_URL's server, else the embedded server: see ../support/mode.ts). Each of RUNS rounds empties the table before each side; the ratio is
 * bare time / our time (1 = as fast as COPY), the median of the rounds is reported.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SITES = 100;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Row {
  siteId: string;
  period: string;
  counts: number[];
  absenteeism: string;
}

/** ROWS reports: SITES sites x (ROWS / SITES) distinct past days, plausible figures. */
function generateRows(siteIds: string[]): Row[] {
  const days = Math.ceil(ROWS / siteIds.length);
  const rows: Row[] = [];
  const yesterday = Date.UTC(
    new Date().getUTCFullYear(),
    new Date().getUTCMonth(),
    new Date().getUTCDate() - 2,
  );
  for (let d = 0; d < days && rows.length < ROWS; d++) {
    const period = new Date(yesterday - d * 86_400_000).toISOString().slice(0, 10);
    for (const siteId of siteIds) {
      if (rows.length >= ROWS) break;
      const production = 40 + ((d * 7 + rows.length) % 30);
      rows.push({
        siteId,
        period,
        counts: [production, 5 + (d % 6), 6, 2, 2, d % 3, d % 2, 80, 60 + (d % 20)],
        absenteeism: `${(d % 9) + 1}.${d % 10}0`,
      });
    }
  }
  return rows;
}

const toCsv = (rows: Row[]) =>
  `${CSV_COLUMNS.slice(0, -1).join(',')}\n` +
  rows.map((row) => `${row.siteId},${row.period},${row.counts.join(',')},${row.absenteeism}`).join('\n') +
  '\n';

/** The same rows as the table holds them, for COPY ... FROM STDIN (text format). */
function toCopyText(rows: Row[], partnerId: string): string {
  return rows
    .map((row) =>
      [
        row.siteId,
        partnerId,
        row.period,
        'day',
        row.period,
        row.period,
        1,
        't',
        ...row.counts,
        row.absenteeism,
        '\\N',
        'csv',
        'bench',
      ].join('\t'),
    )
    .join('\n')
    .concat('\n');
}

const COPY_COLUMNS =
  'site_id, partner_id, period, period_kind, period_start, period_end, version, current, agents_in_production, ' +
  'agents_in_training, team_leaders, supervisors, trainers_qa, hires, leavers, seats_installed, seats_staffed, ' +
  'absenteeism_pct, attrition_notes, source, submitted_by_type';

async function bench(servers: BenchServers): Promise<void> {
  const { app, db, close } = await startBenchApi(servers, { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${port}/api/v1`;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@plateau.demo', password: 'plateau-admin-demo' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const { partnerId, siteIds } = await insertBenchSites(db, SITES, 80);
    const rows = generateRows(siteIds);
    const csv = toCsv(rows);
    const copyText = toCopyText(rows, partnerId);
    console.log(
      `bench:staffing — ${rows.length} rows (${(csv.length / 1e6).toFixed(1)} MB CSV), ${RUNS} rounds; ${describeRun(servers)}`,
    );

    const ours: number[] = [];
    const bare: number[] = [];
    const empty = async () => {
      await db.query(`TRUNCATE staffing_report`);
      await db.query(`VACUUM ANALYZE staffing_report`);
    };
    for (let round = 1; round <= RUNS; round++) {
      await empty();
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'reports.csv');
      let started = performance.now();
      const response = await fetch(`${base}/staffing-reports/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
        body: form,
      });
      const result = (await response.json()) as { accepted?: number };
      ours.push(performance.now() - started);
      if (response.status !== 201 || result.accepted !== rows.length)
        throw new Error(`upload answered ${response.status}: ${JSON.stringify(result).slice(0, 500)}`);
      // the events that follow the answer run in this process: not beside the bare COPY
      await app.get(ReportAftermath).settled();

      await empty();
      started = performance.now();
      await pipeline(
        Readable.from([copyText]),
        db.query(copyFrom(`COPY staffing_report (${COPY_COLUMNS}) FROM STDIN`)),
      );
      bare.push(performance.now() - started);
      const { count } = (await db.query(`SELECT count(*)::int AS count FROM staffing_report`)).rows[0];
      if (count !== rows.length) throw new Error(`COPY stored ${count} rows`);
      console.log(
        `  round ${round}: upload ${ours[round - 1].toFixed(0)} ms, bare COPY ${bare[round - 1].toFixed(0)} ms, ` +
          `ratio ${(bare[round - 1] / ours[round - 1]).toFixed(2)}`,
      );
    }
    const ratios = ours.map((time, index) => bare[index] / time);
    console.log(
      `median: upload ${median(ours).toFixed(0)} ms (${Math.round(rows.length / (median(ours) / 1000))} rows/s), ` +
        `bare COPY ${median(bare).toFixed(0)} ms (${Math.round(rows.length / (median(bare) / 1000))} rows/s)`,
    );
    console.log(
      `ratio (bare COPY time / upload time), median of ${RUNS}: ${median(ratios).toFixed(2)} (goal >= 0.80)`,
    );
    console.log(`${describeRun(servers)} (shared by both sides)`);
  } finally {
    await close();
  }
}

await withBenchServers(bench);
