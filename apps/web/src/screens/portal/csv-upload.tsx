import type { SiteView } from '@contracts';
import { CSV_HEADER, csvTemplate } from './report-fields';
import { type UploadFailure, useCsvUpload } from './use-csv-upload';

/** Reports as a CSV file: refused whole if any line is bad, every problem listed by line. */
export function CsvUpload({ site, onSaved }: { site: SiteView; onSaved(): void }) {
  const { file, setFile, result, failure, busy, upload } = useCsvUpload(onSaved);
  return (
    <form onSubmit={upload} aria-label="Upload a staffing CSV" data-testid="csv-form">
      <p className="muted">
        One report per line, with the header <code>{CSV_HEADER.join(',')}</code>. A file with any bad line is
        refused whole; every problem is listed by line.{' '}
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(csvTemplate(site))}`}
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
      {failure && <UploadProblems failure={failure} />}
    </form>
  );
}

function UploadProblems({ failure }: { failure: UploadFailure }) {
  return (
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
  );
}
