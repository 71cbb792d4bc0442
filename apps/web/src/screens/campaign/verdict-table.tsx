import type { CampaignVerdictView } from '@contracts';
import { TableHead } from '../../components/table-head';
import { number, percent } from '../../lib/figures';

const euros = (value: number | null) => (value === null ? '—' : `${number(value, 2)} €`);
const COLUMNS = [
  'Site',
  'Reached',
  'Sales',
  'Conversion (95% interval)',
  'P(best)',
  'Expected loss',
  'Cost / reached',
  'Cost / sale',
  'Share',
];

/** The figures of each site of the test. */
export function VerdictTable({ sites }: { sites: CampaignVerdictView['sites'] }) {
  return (
    <table>
      <TableHead columns={COLUMNS} />
      <tbody>
        {sites.map((site) => (
          <tr key={site.siteId} data-testid="verdict-row">
            <th scope="row">{site.siteName}</th>
            <td>{number(site.reached)}</td>
            <td>{number(site.sales)}</td>
            <td>
              {percent(site.conversion, 1)} ({percent(site.conversionLow, 1)}–
              {percent(site.conversionHigh, 1)})
            </td>
            <td>{percent(site.probabilityBest, 1)}</td>
            <td>{site.expectedLoss === null ? '—' : number(site.expectedLoss, 4)}</td>
            <td>{euros(site.costPerReached)}</td>
            <td>
              {euros(site.costPerSale)}
              {site.costSource === 'estimate' && ' (estimate)'}
            </td>
            <td>{percent(site.share, 1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
