import type { SiteView } from '@contracts';
import { TableHead } from '../../components/table-head';
import type { SiteTerms } from './use-create-campaign';

/** The numeric terms of a site in a campaign: field, label, max, step. */
const TERM_INPUTS = [
  ['costPerHour', 'cost per hour', undefined, 0.01],
  ['floor', 'floor', 100, 1],
  ['cap', 'cap', 100, 1],
] as const;

/** The eligible sites: ticked in, with their cost, floor, cap and test cell. */
export function SiteTermsTable({
  sites,
  testAndLearn,
  error,
  termsOf,
  setTerm,
}: {
  sites: SiteView[];
  testAndLearn: boolean;
  error: string | undefined;
  termsOf(id: string): SiteTerms;
  setTerm(id: string, change: Partial<SiteTerms>): void;
}) {
  return (
    <table>
      <caption>
        Eligible sites and their terms
        {testAndLearn ? ': tick the test cell (sites outside it get their floor)' : ''}
        {error && <span className="field-error"> — {error}</span>}
      </caption>
      <TableHead columns={['Site', 'Cost / hour (€)', 'Floor (%)', 'Cap (%)', 'Test cell']} />
      <tbody>
        {sites.map((site) => {
          const t = termsOf(site.id);
          return (
            <tr key={site.id}>
              <th scope="row">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={t.selected}
                    onChange={(event) => setTerm(site.id, { selected: event.target.checked })}
                  />
                  {site.name} <span className="muted">({site.country})</span>
                </label>
              </th>
              {TERM_INPUTS.map(([term, label, max, step]) => (
                <td key={term}>
                  <input
                    aria-label={`${site.name} ${label}`}
                    type="number"
                    min={0}
                    max={max}
                    step={step}
                    value={t[term]}
                    disabled={!t.selected}
                    onChange={(event) => setTerm(site.id, { [term]: event.target.value })}
                  />
                </td>
              ))}
              <td>
                <input
                  type="checkbox"
                  aria-label={`${site.name} in the test cell`}
                  checked={t.testCell}
                  disabled={!t.selected}
                  onChange={(event) => setTerm(site.id, { testCell: event.target.checked })}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
