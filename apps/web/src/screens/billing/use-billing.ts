import { useState } from 'react';
import type { BillingCheck, InvoiceLineView, LineAdherenceMonth } from '@contracts';
import { allPages, api, query } from '../../lib/api';
import { download, toCsv } from '../../lib/csv';
import { useResource } from '../../lib/use-resource';
import { adherenceCsv, checkCsv, costsCsv, type CsvTable, linesCsv, thisMonth } from './billing-csv';

/** The month's billing check, the chosen site's line adherence and invoice lines, their reviews and exports. */
export function useBilling() {
  const [month, setMonth] = useState(thisMonth);
  const [siteId, setSiteId] = useState<string | null>(null);
  const check = useResource(() => api<BillingCheck>(`/billing/check${query({ month })}`), [month]);
  const adherence = useResource<LineAdherenceMonth | null>(
    () =>
      siteId
        ? api<LineAdherenceMonth>(`/billing/sites/${siteId}/line-adherence${query({ month })}`)
        : Promise.resolve(null),
    [siteId, month],
  );
  const lines = useResource(
    () => api<InvoiceLineView[]>(`/billing/invoice-lines${query({ month, siteId })}`),
    [siteId, month],
  );
  const partners = useResource(() => allPages<{ id: string; name: string }>('/partners'), []);
  const sites = check.data?.sites ?? [];
  const siteName = (id: string) => sites.find((site) => site.siteId === id)?.siteName ?? id;
  const partnerName = (id: string) => partners.data?.find((partner) => partner.id === id)?.name ?? id;

  const review = async (line: InvoiceLineView, decision: 'accepted' | 'disputed') => {
    const comment = window.prompt(decision === 'disputed' ? 'Why is this line disputed?' : 'Comment', '');
    if (!comment?.trim()) return;
    await api(`/billing/invoice-lines/${line.id}/review`, { method: 'POST', json: { decision, comment } });
    lines.reload();
    check.reload();
  };

  const save = (name: string, { header, rows }: CsvTable) => download(name, toCsv(header, rows));
  const exports = {
    check: () => save(`billing-check-${month}.csv`, checkCsv(sites)),
    costs: () => save(`outcome-costs-${month}.csv`, costsCsv(check.data?.partners ?? [], partnerName)),
    lines: () => save(`invoice-lines-${month}.csv`, linesCsv(lines.data ?? [], siteName)),
    adherence: () =>
      adherence.data &&
      save(`line-adherence-${siteName(adherence.data.siteId)}-${month}.csv`, adherenceCsv(adherence.data)),
  };

  return {
    month,
    setMonth,
    siteId,
    setSiteId,
    check,
    adherence,
    lines,
    siteName,
    partnerName,
    review,
    exports,
  };
}
