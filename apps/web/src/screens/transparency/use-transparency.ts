import { type FormEvent, useEffect, useState } from 'react';
import type { TransparencyRow } from '@contracts';
import { campaignsApi, type TransparencyPage } from '../../lib/campaigns-api';
import { download, toCsv } from '../../lib/csv';
import { useResource } from '../../lib/use-resource';

export interface TransparencyFilters {
  campaignId: string;
  phone: string;
}

/** Counts of rows by a key, most first. */
function countBy(rows: TransparencyRow[], key: (row: TransparencyRow) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

/** The calls of a campaign or of a customer's number, with their breakdowns by country and partner. */
export function useTransparency() {
  const campaigns = useResource(() => campaignsApi.list(), []);
  const [filters, setFilters] = useState<TransparencyFilters>(() => ({
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

  const items = rows.data?.items ?? [];
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

  return {
    search: {
      campaigns: campaigns.data?.items ?? [],
      draft,
      setDraft,
      // a campaign chosen is shown at once; the number search stays for Search
      chooseCampaign: (campaignId: string) => {
        setDraft({ campaignId, phone: '' });
        setFilters({ campaignId, phone: '' });
      },
      submit: (event: FormEvent) => {
        event.preventDefault();
        setFilters({ ...draft, phone: draft.phone.trim() });
      },
    },
    searching: !!(filters.campaignId || filters.phone),
    rows,
    items,
    byCountry: rows.data?.byCountry
      ? Object.entries(rows.data.byCountry).sort((a, b) => b[1] - a[1])
      : countBy(items, (row) => row.country),
    byPartner: countBy(items, (row) => row.partnerName),
    exportCsv,
  };
}

export type TransparencySearch = ReturnType<typeof useTransparency>['search'];
