import { useMemo, useState } from 'react';
import type { SiteView, StaffingReportView } from '@contracts';
import { Field, invalidProps } from '../../components/field';
import { FormMessage } from '../../components/form-message';
import { api } from '../../lib/api';
import { useFormAction } from '../../lib/use-form-action';
import { blankReport, COUNTS, type FormValues, reportBody } from './report-fields';

type InputKind = 'number' | 'date' | 'text' | 'textarea';

function useReportForm(site: SiteView, onSaved: () => void) {
  const initial = useMemo(() => blankReport(site), [site]);
  const [values, setValues] = useState<FormValues>(initial);
  const set = (name: string, value: string) => setValues((current) => ({ ...current, [name]: value }));
  const send = useFormAction(
    () =>
      api<StaffingReportView>(`/sites/${site.id}/staffing-reports`, {
        method: 'POST',
        json: reportBody(values),
        headers: { 'idempotency-key': crypto.randomUUID() },
      }),
    (report) => {
      onSaved();
      return `Report for ${report.period} saved (version ${report.version}, headcount ${report.headcount}).`;
    },
    'The report was refused.',
  );
  return { values, set, send };
}

/** A staffing report typed in, the api's refusal shown against each field. */
export function ReportForm({ site, onSaved }: { site: SiteView; onSaved(): void }) {
  const { values, set, send } = useReportForm(site, onSaved);
  const field = (
    name: string,
    label: string,
    input: InputKind,
    extra: Record<string, string | number> = {},
  ) => (
    <ReportField
      key={name}
      name={name}
      label={label}
      input={input}
      extra={extra}
      value={values[name] ?? ''}
      error={send.errors[name]}
      onChange={(value) => set(name, value)}
    />
  );
  return (
    <form onSubmit={send.submit} noValidate aria-label="Staffing report" data-testid="report-form">
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
        <button type="submit" disabled={send.busy}>
          {send.busy ? 'Sending…' : 'Submit report'}
        </button>
        <FormMessage message={send.message} testId="form-message" />
      </div>
    </form>
  );
}

function ReportField(props: {
  name: string;
  label: string;
  input: InputKind;
  extra: Record<string, string | number>;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}) {
  const { name, label, input, extra, value, error, onChange } = props;
  const id = `report-${name}`;
  const common = { id, name, value, ...invalidProps(id, error) };
  return (
    <Field id={id} label={label} error={error} errorTestId={`error-${name}`}>
      {input === 'textarea' ? (
        <textarea {...common} rows={2} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type={input} {...extra} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}
