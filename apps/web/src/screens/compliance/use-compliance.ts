import { type FormEvent, useState } from 'react';
import type { PartnerView, SiteView } from '@contracts';
import { allPages } from '../../lib/api';
import { campaignsApi, complianceApi, type ComplianceFilters } from '../../lib/campaigns-api';
import { download } from '../../lib/csv';
import { useResource } from '../../lib/use-resource';
import { type RuleChoice, thisMonth } from './rules';

/** The report of the filters shown, the attempts behind the chosen rule, and their exports. */
export function useCompliance() {
  const [filters, setFilters] = useState<ComplianceFilters>(thisMonth);
  const [draft, setDraft] = useState(filters);
  const [rule, setRule] = useState<RuleChoice>('flagged');
  const options = useResource(
    () =>
      Promise.all([campaignsApi.list(), allPages<PartnerView>('/partners'), allPages<SiteView>('/sites')]),
    [],
  );
  const report = useResource(() => complianceApi.report(filters), [filters]);
  const attempts = useResource(() => complianceApi.attempts(filters, rule), [filters, rule]);
  const [campaigns, partners, sites] = options.data ?? [undefined, [], []];

  const name = `${filters.from}-${filters.to}`;
  return {
    form: {
      draft,
      setDraft,
      submit: (event: FormEvent) => {
        event.preventDefault();
        setFilters(draft);
      },
      campaigns: campaigns?.items ?? [],
      partners,
      sites,
    },
    report,
    attempts,
    rule,
    setRule,
    exportReport: async () => download(`compliance-${name}.csv`, await complianceApi.reportCsv(filters)),
    exportAttempts: async () =>
      download(`compliance-attempts-${rule}-${name}.csv`, await complianceApi.attemptsCsv(filters, rule)),
  };
}

export type ComplianceForm = ReturnType<typeof useCompliance>['form'];
