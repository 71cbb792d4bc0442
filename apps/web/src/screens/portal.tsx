import { type FormEvent, useMemo, useState } from 'react';
import type { AlertEvent, Page, SiteView, StaffingReportView, StaffingUploadResult } from '@contracts';
import { ScreenError, Unavailable } from '../components/states';
import { useLiveEvent } from '../live/live';
import { allPages, api, ApiError, fieldErrors, query } from '../lib/api';
import { navigate, useLocation } from '../lib/router';
import { useResource } from '../lib/use-resource';
import { dateTime } from '../lib/figures';
import { EmptyRow, num, TableHead } from '../components/table-head';

/** The report's figures, in the order of the form and of the CSV columns. */
const COUNTS = [
  ['agentsInProduction', 'Agents in production'],
  ['agentsInTraining', 'Agents in training'],
  ['teamLeaders', 'Team leaders'],
  ['supervisors', 'Supervisors'],
  ['trainersQa', 'Trainers and QA'],
  ['hires', 'Hires since last report'],
  ['leavers', 'Leavers since last report'],
  ['seatsInstalled', 'Seats installed'],
  ['seatsStaffed', 'Seats staffed'],
] as const;

const CSV_HEADER = ['siteId', 'period', ...COUNTS.map(([name]) => name), 'absenteeismPct', 'attritionNotes'];

type FormValues = Record<string, string>;

/**
 * The partner portal: a partner's own sites only. Submit a staffing report by form (errors
 * shown against each field) or as a CSV file (errors listed by line), see the report history
 * and the reports that are missing.
 */
export function PortalScreen() {
  const sites = useResource(() => allPages<SiteView>('/sites'), []);
  const requested = useLocation().search.get('site');
  const active = (sites.data ?? []).filter((site) => site.status === 'active');
  const siteId = requested ?? active[0]?.id ?? null;
  const site = sites.data?.find((candidate) => candidate.id === siteId);

  return (
    <div data-testid="portal">
      <header className="screen-head">
        <h1>Staffing reports</h1>
        {sites.data && (
          <label className="inline">
            Site
            <select
              value={site ? site.id : ''}
              onChange={(event) => navigate(`/portal?site=${event.target.value}`)}
              data-testid="site-select"
            >
              {!site && <option value="">—</option>}
              {sites.data.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {sites.error && <ScreenError error={sites.error} />}
      {requested && sites.data && !site ? (
        <RequestedSite id={requested} />
      ) : site ? (
        <SitePortal key={site.id} site={site} />
      ) : sites.data ? (
        <p className="muted">No active site to report for.</p>
      ) : null}
    </div>
  );
}

/** A site id that is not among the caller's sites: the api says whether it exists for them. */
function RequestedSite({ id }: { id: string }) {
  const site = useResource(() => api<SiteView>(`/sites/${encodeURIComponent(id)}`), [id]);
  if (site.loading) return <p className="muted">Loading…</p>;
  if (site.error)
    return (
      <p className="error" role="alert" data-testid="site-not-found">
        {site.error instanceof ApiError && site.error.status === 404
          ? 'No such site among yours.'
          : site.error.message}
      </p>
    );
  return <SitePortal site={site.data!} />;
}

function SitePortal({ site }: { site: SiteView }) {
  const [tab, setTab] = useState<'form' | 'csv'>('form');
  const history = useResource(
    () => api<Page<StaffingReportView>>(`/staffing-reports${query({ siteId: site.id, limit: 20 })}`),
    [site.id],
  );
  useLiveEvent('staffing.report', (event) => event.siteId === site.id && history.reload());

  return (
    <>
      <div className="columns">
        <section className="panel" aria-labelledby="submit-title">
          <h2 id="submit-title">
            Report for {site.name} <span className="muted">({site.city})</span>
          </h2>
          <div className="tabs" role="tablist" aria-label="How to report">
            <button type="button" role="tab" aria-selected={tab === 'form'} onClick={() => setTab('form')}>
              Form
            </button>
            <button type="button" role="tab" aria-selected={tab === 'csv'} onClick={() => setTab('csv')}>
              CSV file
            </button>
          </div>
          {tab === 'form' ? (
            <ReportForm site={site} onSaved={history.reload} />
          ) : (
            <CsvUpload site={site} onSaved={history.reload} />
          )}
        </section>
        <MissingReports site={site} />
      </div>
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        {history.unavailable ? (
          <Unavailable what="Staffing reports" />
        ) : history.error ? (
          <ScreenError error={history.error} />
        ) : (
          <table data-testid="history">
            <caption>Latest reports of {site.name}, newest first</caption>
            <TableHead
              columns={[
                'Period',
                num('Version'),
                num('Headcount'),
                num('In production'),
                num('In training'),
                num('Hires / leavers'),
                num('Staffed / installed'),
                num('Absenteeism'),
                'Source',
                'Submitted',
              ]}
            />
            <tbody>
              {(history.data?.items ?? []).map((report) => (
                <tr key={report.id} data-testid="history-row">
                  <th scope="row">{report.period}</th>
                  <td className="num">{report.version}</td>
                  <td className="num">{report.headcount}</td>
                  <td className="num">{report.agentsInProduction}</td>
                  <td className="num">{report.agentsInTraining}</td>
                  <td className="num">
                    {report.hires} / {report.leavers}
                  </td>
                  <td className="num">
                    {report.seatsStaffed} / {report.seatsInstalled}
                  </td>
                  <td className="num">{report.absenteeismPct} %</td>
                  <td>{report.source}</td>
                  <td>{dateTime(report.submittedAt)}</td>
                </tr>
              ))}
              {history.data?.items.length === 0 && <EmptyRow columns={10}>No report yet.</EmptyRow>}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function today(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

function ReportForm({ site, onSaved }: { site: SiteView; onSaved(): void }) {
  const initial = useMemo<FormValues>(
    () => ({
      period: today(site.timeZone),
      absenteeismPct: '0',
      attritionNotes: '',
      ...Object.fromEntries(COUNTS.map(([name]) => [name, ''])),
      seatsInstalled: String(site.installedSeats),
    }),
    [site],
  );
  const [values, setValues] = useState<FormValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: string, value: string) => setValues((current) => ({ ...current, [name]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const body: Record<string, unknown> = {
      period: values.period,
      absenteeismPct: toNumber(values.absenteeismPct),
      ...Object.fromEntries(COUNTS.map(([name]) => [name, toNumber(values[name])])),
    };
    if (values.attritionNotes.trim()) body.attritionNotes = values.attritionNotes.trim();
    try {
      const report = await api<StaffingReportView>(`/sites/${site.id}/staffing-reports`, {
        method: 'POST',
        json: body,
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      setErrors({});
      setMessage({
        ok: true,
        text: `Report for ${report.period} saved (version ${report.version}, headcount ${report.headcount}).`,
      });
      onSaved();
    } catch (failure) {
      const byField = fieldErrors(failure);
      setErrors(byField);
      setMessage({ ok: false, text: failure instanceof Error ? failure.message : 'The report was refused.' });
    } finally {
      setBusy(false);
    }
  };

  const field = (
    name: string,
    label: string,
    input: 'number' | 'date' | 'text' | 'textarea',
    extra: Record<string, string | number> = {},
  ) => {
    const id = `report-${name}`;
    const error = errors[name];
    const common = {
      id,
      name,
      value: values[name] ?? '',
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${id}-error` : undefined,
    };
    return (
      <label key={name} htmlFor={id}>
        {label}
        {input === 'textarea' ? (
          <textarea {...common} rows={2} onChange={(event) => set(name, event.target.value)} />
        ) : (
          <input {...common} type={input} {...extra} onChange={(event) => set(name, event.target.value)} />
        )}
        {error && (
          <span className="field-error" id={`${id}-error`} data-testid={`error-${name}`}>
            {error}
          </span>
        )}
      </label>
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Staffing report" data-testid="report-form">
      <div className="form-grid">
        {field('period', 'Day (or ISO week YYYY-Www)', 'text', {
          placeholder: 'YYYY-MM-DD',
          inputMode: 'numeric',
        })}
        {COUNTS.map(([name, label]) =>
          field(name, label, 'number', { min: 0, step: 1, inputMode: 'numeric' }),
        )}
        {field('absenteeismPct', 'Absenteeism (%)', 'number', { min: 0, max: 100, step: 0.01 })}
      </div>
      {field('attritionNotes', 'Attrition notes (optional)', 'textarea')}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Sending…' : 'Submit report'}
        </button>
        {message && (
          <span
            className={message.ok ? 'ok' : 'error'}
            role={message.ok ? 'status' : 'alert'}
            data-testid="form-message"
          >
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}

const toNumber = (text: string | undefined) =>
  text === undefined || text.trim() === '' ? undefined : Number(text);

interface RowProblem {
  line: number;
  field: string;
  message: string;
}

function CsvUpload({ site, onSaved }: { site: SiteView; onSaved(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<StaffingUploadResult | null>(null);
  const [failure, setFailure] = useState<{ message: string; total: number; problems: RowProblem[] } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);

  const template = `${CSV_HEADER.join(',')}\r\n${site.id},${today(site.timeZone)},80,10,8,2,3,4,2,${site.installedSeats},${Math.min(site.installedSeats, 90)},5.5,\r\n`;

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      setResult(await uploadReports(file));
      onSaved();
    } catch (error) {
      const details =
        error instanceof ApiError
          ? (error.details as { total?: number; problems?: RowProblem[] } | undefined)
          : undefined;
      setFailure({
        message: error instanceof Error ? error.message : 'The file was refused.',
        total: details?.total ?? 0,
        problems: details?.problems ?? [],
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={upload} aria-label="Upload a staffing CSV" data-testid="csv-form">
      <p className="muted">
        One report per line, with the header <code>{CSV_HEADER.join(',')}</code>. A file with any bad line is
        refused whole; every problem is listed by line.{' '}
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(template)}`}
          download="staffing-template.csv"
        >
          Download a template
        </a>
      </p>
      <label>
        CSV file
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </label>
      <div className="actions">
        <button type="submit" disabled={!file || busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </button>
        {result && (
          <span className="ok" role="status" data-testid="csv-result">
            {result.accepted} report(s) stored ({result.corrections} correction(s)) for {result.sites}{' '}
            site(s).
          </span>
        )}
      </div>
      {failure && (
        <div role="alert" data-testid="csv-errors">
          <p className="error">{failure.message}</p>
          {failure.problems.length > 0 && (
            <ul className="line-errors">
              {failure.problems.map((problem, index) => (
                <li key={index} data-testid="csv-error">
                  Line {problem.line} · {problem.field}: {problem.message}
                </li>
              ))}
              {failure.total > failure.problems.length && (
                <li>… and {failure.total - failure.problems.length} more</li>
              )}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}

/** Sends a staffing CSV (multipart, field "file"): the api checks every line before storing any. */
async function uploadReports(file: File): Promise<StaffingUploadResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<StaffingUploadResult>('/staffing-reports/uploads', {
    method: 'POST',
    body: form,
    headers: { 'idempotency-key': crypto.randomUUID() },
  });
}

function MissingReports({ site }: { site: SiteView }) {
  const missing = useResource(
    () =>
      api<Page<AlertEvent>>(
        `/alerts${query({ status: 'open', kind: 'staffing.missing_report', siteId: site.id, limit: 50 })}`,
      ),
    [site.id],
  );
  useLiveEvent('alert.opened', (alert) => alert.siteId === site.id && missing.reload());
  useLiveEvent('alert.resolved', (alert) => alert.siteId === site.id && missing.reload());
  return (
    <section className="panel" aria-labelledby="missing-title" data-testid="missing">
      <h2 id="missing-title">Missing reports</h2>
      {missing.error ? (
        <ScreenError error={missing.error} />
      ) : missing.data?.items.length ? (
        <ul>
          {missing.data.items.map((alert) => (
            <li key={alert.id} className="alert-item" data-testid="missing-report">
              {alert.message}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{missing.loading ? 'Loading…' : 'Nothing missing: every report is in.'}</p>
      )}
    </section>
  );
}
