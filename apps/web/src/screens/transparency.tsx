import { type FormEvent, useEffect, useState } from 'react';
import type { TransparencyRow } from '@contracts';
import { ScreenError, Unavailable } from '../components/states';
import { campaignsApi, type TransparencyPage } from '../lib/campaigns-api';
import { download, toCsv } from '../lib/csv';
import { dateTime, number, percent } from '../lib/figures';
import { useResource } from '../lib/use-resource';
import { EmptyRow, TableHead } from '../components/table-head';

const COUNTRY_NAMES: Record<string, string> = { FR: 'France', MA: 'Morocco' };

/**
 * Where customers were called from: every attempt with the site, partner and country that made
 * it, searchable by campaign and by the customer's number (to answer "who called me, from where?").
 */
export function TransparencyScreen() {
  const campaigns = useResource(() => campaignsApi.list(), []);
  const [filters, setFilters] = useState<{ campaignId: string; phone: string }>(() => ({
    campaignId: new URLSearchParams(location.search).get('campaign') ?? '',
    phone: '',
  }));
  const [draft, setDraft] = useState(filters);
  const rows = useResource<TransparencyPage | null>(
    () =>
      filters.phone
        ? campaignsApi.consumerCalls(filters.phone)
        : filters.campaignId
          ? campaignsApi.transparency(filters.campaignId)
          : Promise.resolve(null),
    [filters.campaignId, filters.phone],
  );

  // opened without a search: the running campaign (or the latest one) at once, no Search to press
  const firstCampaign =
    campaigns.data?.items.find((campaign) => campaign.status === 'running') ?? campaigns.data?.items[0];
  useEffect(() => {
    if (filters.campaignId || filters.phone || !firstCampaign) return;
    setFilters((current) => ({ ...current, campaignId: firstCampaign.id }));
    setDraft((current) => ({ ...current, campaignId: firstCampaign.id }));
  }, [firstCampaign, filters.campaignId, filters.phone]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...draft, phone: draft.phone.trim() });
  };
  const items = rows.data?.items ?? [];
  const byCountry = rows.data?.byCountry
    ? Object.entries(rows.data.byCountry).sort((a, b) => b[1] - a[1])
    : countBy(items, (row) => row.country);
  const byPartner = countBy(items, (row) => row.partnerName);

  const exportCsv = () =>
    download(
      'transparency.csv',
      toCsv(
        ['attemptedAt', 'phone', 'outcome', 'site', 'partner', 'country'],
        items.map((row) => [
          row.attemptedAt,
          row.phone,
          row.outcome,
          row.siteName,
          row.partnerName,
          row.country,
        ]),
      ),
    );

  return (
    <div data-testid="transparency">
      <header className="screen-head">
        <h1>Transparency: where customers were called from</h1>
        <button type="button" onClick={exportCsv} disabled={!items.length}>
          Export CSV
        </button>
      </header>
      <form className="toolbar" onSubmit={submit} aria-label="Filter calls">
        <label>
          Campaign
          <select
            value={draft.campaignId}
            onChange={(event) => {
              // a campaign chosen is shown at once; the number search stays for Search
              setDraft({ campaignId: event.target.value, phone: '' });
              setFilters({ campaignId: event.target.value, phone: '' });
            }}
          >
            <option value="">Choose a campaign</option>
            {(campaigns.data?.items ?? []).map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Customer number (any campaign)
          <input
            type="tel"
            placeholder="+33 6 12 34 56 78"
            value={draft.phone}
            onChange={(event) => setDraft({ ...draft, phone: event.target.value })}
          />
        </label>
        <button type="submit">Search</button>
      </form>
      {!filters.campaignId && !filters.phone ? (
        <p className="muted">
          Choose a campaign, or enter a customer's number to see every call they received.
        </p>
      ) : rows.unavailable ? (
        <Unavailable what="Transparency records" />
      ) : rows.error ? (
        <ScreenError error={rows.error} />
      ) : (
        <>
          <div className="columns">
            <Breakdown
              title="Calls by country of the site"
              counts={byCountry}
              name={(code) => `${COUNTRY_NAMES[code] ?? code} (${code})`}
            />
            <Breakdown title="Calls by partner" counts={byPartner} name={(partner) => partner} />
          </div>
          <section className="panel">
            <table data-testid="transparency-table">
              <caption>
                {number(rows.data?.total)} call attempt(s)
                {rows.data && rows.data.total > items.length ? `, the latest ${items.length} shown` : ''}
                {` · times in your time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone})`}
              </caption>
              <TableHead
                columns={['When', 'Customer number', 'Outcome', 'Called from', 'Partner', 'Country']}
              />
              <tbody>
                {items.map((row, index) => (
                  <tr key={`${row.contactId}-${row.attemptedAt}-${index}`} data-testid="transparency-row">
                    <td>{dateTime(row.attemptedAt)}</td>
                    <td>{row.phone}</td>
                    <td>{row.outcome.replace(/_/g, ' ')}</td>
                    <td>{row.siteName}</td>
                    <td>{row.partnerName}</td>
                    <td>{row.country}</td>
                  </tr>
                ))}
                {!rows.loading && items.length === 0 && (
                  <EmptyRow columns={6}>No call recorded for this search.</EmptyRow>
                )}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}

function countBy(rows: TransparencyRow[], key: (row: TransparencyRow) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

function Breakdown({
  title,
  counts,
  name,
}: {
  title: string;
  counts: Array<[string, number]>;
  name(key: string): string;
}) {
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {counts.length === 0 ? (
        <p className="muted">No call yet.</p>
      ) : (
        <ul className="breakdown">
          {counts.map(([key, count]) => (
            <li key={key}>
              <span>{name(key)}</span>
              <strong>{number(count)}</strong>
              <span className="muted">{percent(count / total)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
