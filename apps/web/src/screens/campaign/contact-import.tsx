import type { CampaignView, ImportView } from '@contracts';
import { ProgressBar } from '../../components/status-pill';
import { number } from '../../lib/figures';
import { useContactImport } from './use-contact-import';

const IMPORTABLE = ['draft', 'scheduled', 'running', 'paused'];

/** Contacts imported from a CSV, with the job's progress and its rejection report. */
export function ContactImport({ campaign, onDone }: { campaign: CampaignView; onDone(): void }) {
  const { setFile, job, error, busy, canSubmit, submit, exportRejections } = useContactImport(
    campaign,
    onDone,
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
          <button type="submit" disabled={!canSubmit}>
            {busy ? 'Uploading…' : 'Import'}
          </button>
          {error && (
            <span className="error" role="alert">
              {error}
            </span>
          )}
        </div>
      </form>
      {job && <ImportJob job={job} onExport={exportRejections} />}
    </section>
  );
}

function ImportJob({ job, onExport }: { job: ImportView; onExport(): void }) {
  return (
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
            <button type="button" className="ghost" onClick={onExport}>
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
  );
}
