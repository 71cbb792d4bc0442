import type { ComplianceFilters } from '../../lib/campaigns-api';
import type { ComplianceForm } from './use-compliance';

/** A select of named things, with "All …" first. */
function NamedSelect({
  label,
  all,
  items,
  field,
}: {
  label: string;
  all: string;
  items: Array<{ id: string; name: string }>;
  field: { value: string; onChange(event: { target: { value: string } }): void };
}) {
  return (
    <label>
      {label}
      <select {...field}>
        <option value="">{all}</option>
        {items.map((item) => (
          <option key={item.id} value={item.id}>
            {item.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The period, campaign, partner and site of the report; applied on Show. */
export function FilterForm({ draft, setDraft, submit, campaigns, partners, sites }: ComplianceForm) {
  const field = (key: keyof ComplianceFilters) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });
  return (
    <form className="toolbar" onSubmit={submit} aria-label="Filter the report">
      <label>
        From
        <input type="date" required {...field('from')} />
      </label>
      <label>
        To
        <input type="date" required {...field('to')} />
      </label>
      <NamedSelect label="Campaign" all="All campaigns" items={campaigns} field={field('campaignId')} />
      <NamedSelect label="Partner" all="All partners" items={partners} field={field('partnerId')} />
      <NamedSelect label="Site" all="All sites" items={sites} field={field('siteId')} />
      <button type="submit">Show</button>
    </form>
  );
}
