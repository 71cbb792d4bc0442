import { useState } from 'react';
import type { SiteView } from '@contracts';
import { CsvUpload } from './csv-upload';
import { HistoryTable } from './history-table';
import { MissingReports } from './missing-reports';
import { ReportForm } from './report-form';
import { useReportHistory } from './use-portal';

/** One site: report by form or CSV, the reports missing, and the history. */
export function SitePortal({ site }: { site: SiteView }) {
  const [tab, setTab] = useState<'form' | 'csv'>('form');
  const history = useReportHistory(site);
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
      <HistoryTable site={site} history={history} />
    </>
  );
}
