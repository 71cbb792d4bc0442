import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { CampaignAction, CampaignProgress, CampaignView, ImportView } from '@contracts';
import { FigureList, KeyFigures, StateBar } from '../components/figures';
import { ScreenError, Unavailable } from '../components/states';
import { ProgressBar, StatusPill } from '../components/status-pill';
import { type ChartSeries, seriesColor, TimeChart } from '../components/time-chart';
import { useLiveEvent, useLiveScopes } from '../live/live';
import { ApiError } from '../lib/api';
import { ACTIONS_FROM, campaignsApi, STRATEGY_LABELS } from '../lib/campaigns-api';
import { download, toCsv } from '../lib/csv';
import { clockTime, number, percent } from '../lib/figures';
import { Link } from '../lib/router';
import { useResource } from '../lib/use-resource';
import { num, TableHead } from '../components/table-head';
import { ExperimentCard } from './experiment-card';

interface Sample {
  /** seconds since the epoch, when the page received it */
  t: number;
  progress: CampaignProgress;
}

const ACTION_LABELS: Array<[CampaignAction, string]> = [
  ['launch', 'Launch'],
  ['pause', 'Pause'],
  ['resume', 'Resume'],
  ['complete', 'Complete'],
];

/**
 * One campaign: lifecycle, contact import with progress and rejection report, allocation and
 * conversion per site (live), and how the allocation shifts while the page is open.
 */
export function CampaignScreen({ id }: { id: string }) {
  const campaign = useResource(() => campaignsApi.get(id), [id]);
  const progress = useResource(() => campaignsApi.progress(id), [id]);
  const live = useLiveScopes(useMemo(() => [{ scope: 'campaign' as const, id }], [id]));
  // each figure as it arrived, stamped with the browser's clock: the chart shows what this page saw
  const [history, setHistory] = useState<Sample[]>([]);
  const [actionError, setActionError] = useState<string | null>(null);
  // a launch refused for a stale opposition list: the manager may confirm it (the api audits it)
  const [staleList, setStaleList] = useState<string | null>(null);
  const oppositionList = useResource(() => campaignsApi.oppositionList(), [id]);

  useEffect(() => {
    if (progress.data)
      setHistory((current) => [...current, { t: Date.now() / 1000, progress: progress.data! }].slice(-240));
  }, [progress.data]);
  useLiveEvent('campaign.progress', (event) => {
    if (event.campaignId === id) progress.set(() => event);
  });
  useLiveEvent('campaign.status', (event) => {
    if (event.campaignId === id) campaign.reload();
  });

  const act = async (action: CampaignAction, confirmStaleOppositionList?: boolean) => {
    setActionError(null);
    setStaleList(null);
    try {
      const updated = await campaignsApi.act(id, action, confirmStaleOppositionList);
      campaign.set(() => updated);
      progress.reload();
    } catch (failure) {
      campaign.reload();
      if (failure instanceof ApiError && failure.code === 'opposition_list_stale')
        setStaleList(failure.message);
      else setActionError(failure instanceof Error ? failure.message : 'Refused.');
    }
  };

  const recompute = async () => {
    setActionError(null);
    try {
      const updated = await campaignsApi.allocate(id);
      campaign.set(() => updated);
      progress.reload();
    } catch (failure) {
      setActionError(failure instanceof Error ? failure.message : 'Refused.');
    }
  };

  if (campaign.error)
    return (
      <div>
        <h1>Campaign</h1>
        <ScreenError error={campaign.error} />
        <Link href="/campaigns">All campaigns</Link>
      </div>
    );
  const view = campaign.data;
  const totals = live.snapshots[`campaign:${id}`]?.totals;

  return (
    <div data-testid="campaign">
      <header className="screen-head">
        <h1>{view?.name ?? 'Campaign'}</h1>
        {view && <StatusPill status={view.status} />}
        <div className="actions" role="group" aria-label="Lifecycle">
          {ACTION_LABELS.map(([action, label]) => (
            <button
              key={action}
              type="button"
              className={action === 'pause' ? 'ghost' : undefined}
              disabled={!view || !ACTIONS_FROM[action].includes(view.status)}
              onClick={() => act(action)}
            >
              {label}
            </button>
          ))}
        </div>
      </header>
      {actionError && (
        <p className="error" role="alert">
          {actionError}
        </p>
      )}
      {staleList && (
        <div className="error" role="alertdialog" aria-label="Stale opposition list" data-testid="stale-list">
          <p>{staleList}</p>
          <button type="button" onClick={() => act('launch', true)}>
            Launch anyway (recorded in the audit trail)
          </button>
          <button type="button" className="ghost" onClick={() => setStaleList(null)}>
            Cancel
          </button>
        </div>
      )}
      {oppositionList.data && (
        <p className="muted" data-testid="opposition-list">
          Opposition list (Bloctel):{' '}
          {oppositionList.data.lastRefreshAt
            ? `last refreshed ${new Date(oppositionList.data.lastRefreshAt).toLocaleDateString('en-GB')} (${oppositionList.data.ageDays} day(s) ago)`
            : 'never refreshed'}
          {oppositionList.data.stale ? ' — older than 30 days: refresh it before launching' : ''}
        </p>
      )}
      {view && (
        <p className="muted">
          {view.product} · {STRATEGY_LABELS[view.allocationStrategy]} · caller {view.callerNumber} ·{' '}
          {number(view.contactCount)} contacts of {number(view.targetVolume)} targeted
          {view.objective ? ` · ${view.objective}` : ''}
        </p>
      )}
      <div className="columns">
        {view && <ContactImport campaign={view} onDone={() => (campaign.reload(), progress.reload())} />}
        <section className="panel" aria-labelledby="seats-title">
          <h2 id="seats-title">Seats on this campaign (live)</h2>
          {totals ? (
            <>
              <KeyFigures figures={totals} />
              <StateBar counts={totals.counts} seats={totals.seats} />
            </>
          ) : (
            <p className="muted">{live.errors[0]?.message ?? 'Waiting for live figures…'}</p>
          )}
        </section>
      </div>
      {progress.unavailable ? (
        <Unavailable what="Campaign progress figures" />
      ) : progress.error ? (
        <ScreenError error={progress.error} />
      ) : progress.data && view ? (
        <Allocation campaign={view} progress={progress.data} history={history} onRecompute={recompute} />
      ) : null}
      {view?.allocationStrategy === 'test_and_learn' && view.status !== 'draft' && (
        <ExperimentCard campaign={view} onChanged={(updated) => campaign.set(() => updated)} />
      )}
    </div>
  );
}

function Allocation({
  campaign,
  progress,
  history,
  onRecompute,
}: {
  campaign: CampaignView;
  progress: CampaignProgress;
  history: Sample[];
  onRecompute(): void;
}) {
  const terms = new Map(campaign.sites.map((site) => [site.siteId, site]));
  const x = useMemo(() => history.map((sample) => sample.t), [history]);
  const shares = useMemo<ChartSeries[]>(
    () =>
      progress.bySite.map((site, index) => ({
        label: site.siteName,
        color: seriesColor(index),
        percent: true,
        values: history.map(({ progress: point }) => {
          const share = point.bySite.find((candidate) => candidate.siteId === site.siteId)?.share;
          return share === undefined ? null : Math.round(share * 1000) / 10;
        }),
      })),
    [history, progress.bySite],
  );
  // contacts waiting by reason, as an empty lease's why counts them (lawful basis, rules, caller number, other leases)
  const refusals = Object.entries(progress.waiting).filter(([, count]) => count);

  return (
    <>
      <section className="tile network-tile" aria-label="Campaign progress" data-testid="campaign-progress">
        <h2>Progress</h2>
        <FigureList
          figures={[
            {
              label: 'Done / contacts',
              value: number(progress.done),
              of: number(progress.contacts),
              testId: 'done',
            },
            { label: 'Attempts', value: number(progress.attempts) },
            { label: 'Sales', value: number(progress.sales) },
            { label: 'Conversion', value: percent(progress.conversion, 1), testId: 'conversion' },
          ]}
        />
        <ProgressBar value={progress.done} max={progress.contacts} label="Contacts worked" />
      </section>
      <div className="columns">
        <section className="panel" aria-labelledby="allocation-title">
          <h2 id="allocation-title">Allocation and conversion by site</h2>
          <div className="actions">
            <button type="button" className="ghost" onClick={onRecompute}>
              Recompute allocation now
            </button>
            <span className="muted">
              {campaign.allocationComputedAt
                ? `computed ${clockTime(new Date(campaign.allocationComputedAt))}`
                : 'not computed yet'}
            </span>
            <Link href={`/transparency?campaign=${campaign.id}`}>Where were customers called from?</Link>
          </div>
          <table data-testid="allocation">
            <caption>Share of the volume each site gets, and how it converts</caption>
            <TableHead
              columns={[
                'Site',
                num('Share'),
                num('Floor – cap'),
                num('Attempts'),
                num('Reached'),
                num('Sales'),
                num('Conversion'),
              ]}
            />
            <tbody>
              {progress.bySite.map((site) => {
                const term = terms.get(site.siteId);
                return (
                  <tr key={site.siteId} data-testid="allocation-row">
                    <th scope="row">
                      {site.siteName} <span className="muted">({site.country})</span>
                      {term?.testCell && <span className="status-pill"> test cell</span>}
                    </th>
                    <td className="num">{percent(site.share, 1)}</td>
                    <td className="num">{term ? `${percent(term.floor)} – ${percent(term.cap)}` : '—'}</td>
                    <td className="num">{number(site.attempts)}</td>
                    <td className="num">{number(site.reached)}</td>
                    <td className="num">{number(site.sales)}</td>
                    <td className="num">{percent(site.conversion, 1)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {refusals.length > 0 && (
            <p className="muted" data-testid="refusals">
              Not callable right now:{' '}
              {refusals.map(([rule, count]) => `${rule.replace(/_/g, ' ')} ${count}`).join(' · ')}
            </p>
          )}
          {progress.contactsLeft > 0 && (
            <p className="muted" data-testid="next-lawful">
              {progress.nextLawfulAt
                ? `Next lawful call: ${new Date(progress.nextLawfulAt).toLocaleString('en-GB', {
                    dateStyle: 'full',
                    timeStyle: 'short',
                  })}`
                : 'No contact left may ever be called lawfully.'}
            </p>
          )}
        </section>
        <section className="panel" aria-labelledby="shift-title">
          <h2 id="shift-title">Allocation over time (since this page opened)</h2>
          {history.length > 1 ? (
            <TimeChart x={x} series={shares} height={240} label="Share of the volume by site over time" />
          ) : (
            <p className="muted">The chart fills as the allocation is recomputed.</p>
          )}
        </section>
      </div>
    </>
  );
}

const IMPORTABLE = ['draft', 'scheduled', 'running', 'paused'];

function ContactImport({ campaign, onDone }: { campaign: CampaignView; onDone(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<ImportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const finished = job && (job.status === 'completed' || job.status === 'failed');

  useLiveEvent('import.progress', (event) => {
    if (job && event.importId === job.id)
      setJob((current) => (current ? { ...current, ...event, id: current.id } : current));
  });
  // the socket may miss an update (or the job may run in another process): poll until it is done
  const jobId = job?.id;
  const notify = useRef(onDone);
  notify.current = onDone;
  useEffect(() => {
    if (!jobId || finished) return;
    const timer = window.setInterval(
      () => campaignsApi.importStatus(jobId).then(setJob, () => undefined),
      1_000,
    );
    return () => window.clearInterval(timer);
  }, [jobId, finished]);
  useEffect(() => {
    if (!jobId || !finished) return;
    // the final figures with the rejection report, then the campaign's new counts
    campaignsApi.importStatus(jobId).then(setJob, () => undefined);
    notify.current();
  }, [jobId, finished]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setJob(null);
    try {
      setJob(await campaignsApi.importContacts(campaign.id, file));
    } catch (failure) {
      setError(
        failure instanceof ApiError || failure instanceof Error ? failure.message : 'The file was refused.',
      );
    } finally {
      setBusy(false);
    }
  };

  const exportRejections = () =>
    job &&
    download(
      `rejections-${job.id}.csv`,
      toCsv(
        ['line', 'reason'],
        job.rejections.map((r) => [r.line, r.reason]),
      ),
    );

  return (
    <section className="panel" aria-labelledby="import-title" data-testid="import">
      <h2 id="import-title">Import contacts</h2>
      <form onSubmit={submit} aria-label="Import a contacts CSV">
        <p className="muted">
          CSV with a header:{' '}
          <code>
            phone,first_name,last_name,lawful_basis,consent_date,consent_proof,contract_ref,contract_offer
          </code>{' '}
          (optional: <code>contract_end,postcode,country</code>). French numbers only; each row needs a lawful
          basis (<code>consent</code> with its date and proof, or <code>current_contract</code> with the
          contract&apos;s reference and offer; such a contact is called only while its contract is in force,
          and only if its offer is one the campaign relates to
          {campaign.contractOffers.length ? `: ${campaign.contractOffers.join(', ')}` : ' (none yet)'}).
        </p>
        <label>
          Contacts file
          <input
            type="file"
            accept=".csv,text/csv"
            disabled={!IMPORTABLE.includes(campaign.status)}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </label>
        <div className="actions">
          <button type="submit" disabled={!file || busy || (job !== null && !finished)}>
            {busy ? 'Uploading…' : 'Import'}
          </button>
          {error && (
            <span className="error" role="alert">
              {error}
            </span>
          )}
        </div>
      </form>
      {job && (
        <div data-testid="import-job" data-status={job.status}>
          <ProgressBar
            value={job.processed}
            max={Math.max(job.valid, 1)}
            label="Contacts merged into the campaign"
          />
          <p role="status">
            {job.status === 'completed'
              ? 'Import complete'
              : job.status === 'failed'
                ? `Import failed: ${job.error ?? 'unknown error'}`
                : `Importing (${job.status})…`}{' '}
            — {number(job.rows)} rows: <span data-testid="import-created">{number(job.created)}</span> new,{' '}
            {number(job.merged)} merged, {number(job.suppressed)} on the opposition list,{' '}
            <span data-testid="import-rejected">{number(job.rejected)}</span> rejected
          </p>
          {job.rejections.length > 0 && (
            <details open>
              <summary>
                Rejection report ({job.rejected}){' '}
                <button type="button" className="ghost" onClick={exportRejections}>
                  Download CSV
                </button>
              </summary>
              <ul className="line-errors" data-testid="rejections">
                {job.rejections.slice(0, 50).map((rejection) => (
                  <li key={rejection.line}>
                    Line {rejection.line}: {rejection.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
