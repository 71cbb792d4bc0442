import { useState } from 'react';
import type { AllocationStrategy, SiteView } from '@contracts';
import { allPages } from '../../lib/api';
import { campaignsApi } from '../../lib/campaigns-api';
import { navigate } from '../../lib/router';
import { useFormAction } from '../../lib/use-form-action';
import { useResource } from '../../lib/use-resource';

/** A site's terms in the campaign being created, as typed. */
export interface SiteTerms {
  selected: boolean;
  costPerHour: string;
  floor: string;
  cap: string;
  testCell: boolean;
}

const NO_TERMS: SiteTerms = { selected: false, costPerHour: '', floor: '', cap: '', testCell: false };

const BLANK = {
  name: '',
  product: '',
  objective: '',
  targetVolume: '10000',
  callerNumber: '+33 1 62 00 00 01',
  contractOffers: '',
  startsAt: '',
  allocationStrategy: 'proportional_capacity' as AllocationStrategy,
};
export type CampaignValues = typeof BLANK;

/** The typed campaign as the api's body: only the chosen sites, percentages as shares. */
function campaignBody(values: CampaignValues, sites: Array<{ site: SiteView; terms: SiteTerms }>) {
  return {
    name: values.name,
    product: values.product,
    ...(values.objective.trim() ? { objective: values.objective.trim() } : {}),
    ...(values.startsAt ? { startsAt: new Date(values.startsAt).toISOString() } : {}),
    targetVolume: Number(values.targetVolume),
    callerNumber: values.callerNumber,
    contractOffers: values.contractOffers
      .split(',')
      .map((offer) => offer.trim())
      .filter(Boolean),
    allocationStrategy: values.allocationStrategy,
    sites: sites.map(({ site, terms: t }) => ({
      siteId: site.id,
      ...(t.costPerHour ? { costPerHour: Number(t.costPerHour) } : {}),
      ...(t.floor ? { floor: Number(t.floor) / 100 } : {}),
      ...(t.cap ? { cap: Number(t.cap) / 100 } : {}),
      testCell: t.testCell,
    })),
  };
}

/** The new campaign's fields and site terms; created, it opens. */
export function useCreateCampaign() {
  const sites = useResource(() => allPages<SiteView>('/sites', { status: 'active' }), []);
  const [values, setValues] = useState(BLANK);
  const [terms, setTerms] = useState<Record<string, SiteTerms>>({});
  const set = (name: keyof CampaignValues, value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const termsOf = (id: string): SiteTerms => terms[id] ?? NO_TERMS;
  const setTerm = (id: string, change: Partial<SiteTerms>) =>
    setTerms((current) => ({ ...current, [id]: { ...termsOf(id), ...change } }));
  const create = useFormAction(
    () => {
      const chosen = (sites.data ?? []).filter((site) => termsOf(site.id).selected);
      return campaignsApi.create(
        campaignBody(
          values,
          chosen.map((site) => ({ site, terms: termsOf(site.id) })),
        ),
      );
    },
    (campaign) => {
      navigate(`/campaigns/${campaign.id}`);
      return '';
    },
    'The campaign was refused.',
  );
  return { sites: sites.data ?? [], values, set, termsOf, setTerm, create };
}
