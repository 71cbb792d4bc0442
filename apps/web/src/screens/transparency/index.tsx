import { Served } from '../../components/states';
import { Breakdown } from './breakdown';
import { CallsTable } from './calls-table';
import { SearchForm } from './search-form';
import { useTransparency } from './use-transparency';

const COUNTRY_NAMES: Record<string, string> = { FR: 'France', MA: 'Morocco' };

/**
 * Where customers were called from: every attempt with the site, partner and country that made
 * it, searchable by campaign and by the customer's number (to answer "who called me, from where?").
 */
export function TransparencyScreen() {
  const { search, searching, rows, items, byCountry, byPartner, exportCsv } = useTransparency();
  return (
    <div data-testid="transparency">
      <header className="screen-head">
        <h1>Transparency: where customers were called from</h1>
        <button type="button" onClick={exportCsv} disabled={!items.length}>
          Export CSV
        </button>
      </header>
      <SearchForm {...search} />
      {!searching ? (
        <p className="muted">
          Choose a campaign, or enter a customer's number to see every call they received.
        </p>
      ) : (
        <Served resource={rows} what="Transparency records">
          <div className="columns">
            <Breakdown
              title="Calls by country of the site"
              counts={byCountry}
              name={(code) => `${COUNTRY_NAMES[code] ?? code} (${code})`}
            />
            <Breakdown title="Calls by partner" counts={byPartner} name={(partner) => partner} />
          </div>
          <CallsTable items={items} total={rows.data?.total} loading={rows.loading} />
        </Served>
      )}
    </div>
  );
}
