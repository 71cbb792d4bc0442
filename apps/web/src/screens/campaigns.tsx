import { type FormEvent, useState } from 'react';
import { ALLOCATION_STRATEGIES, type AllocationStrategy, type SiteView } from '@contracts';
import { ScreenError, Unavailable } from '../components/states';
import { ProgressBar, StatusPill } from '../components/status-pill';
import { useLiveEvent } from '../live/live';
import { allPages, fieldErrors } from '../lib/api';
import { campaignsApi, STRATEGY_LABELS } from '../lib/campaigns-api';
import { number } from '../lib/figures';
import { Link, navigate } from '../lib/router';
import { useResource } from '../lib/use-resource';
import { EmptyRow, num, TableHead } from '../components/table-head';

/** The manager console's home: every campaign with its progress, and a form to create one. */
export function CampaignsScreen() {
  const campaigns = useResource(() => campaignsApi.list(), []);
  const [creating, setCreating] = useState(false);
  useLiveEvent('campaign.status', () => campaigns.reload());

  return (
    <div data-testid="campaigns">
      <header className="screen-head">
        <h1>Campaigns</h1>
        <button type="button" onClick={() => setCreating(!creating)} aria-expanded={creating}>
          {creating ? 'Close the form' : 'New campaign'}
        </button>
      </header>
      {creating && <CreateCampaign />}
      {campaigns.unavailable ? (
        <Unavailable what="Campaigns" />
      ) : campaigns.error ? (
        <ScreenError error={campaigns.error} />
      ) : (
        <section className="panel">
          <table>
            <caption>Campaigns, newest first</caption>
            <TableHead columns={['Campaign', 'Status', 'Strategy', num('Contacts / target'), 'Sites']} />
            <tbody>
              {(campaigns.data?.items ?? []).map((campaign) => (
                <tr key={campaign.id} data-testid="campaign-row">
                  <th scope="row">
                    <Link href={`/campaigns/${campaign.id}`}>{campaign.name}</Link>
                    <div className="muted">{campaign.product}</div>
                  </th>
                  <td>
                    <StatusPill status={campaign.status} />
                  </td>
                  <td>{STRATEGY_LABELS[campaign.allocationStrategy]}</td>
                  <td className="num">
                    {number(campaign.contactCount)} / {number(campaign.targetVolume)}
                    <ProgressBar
                      value={campaign.contactCount}
                      max={campaign.targetVolume}
                      label={`${campaign.name}: contacts loaded`}
                    />
                  </td>
                  <td>{campaign.sites.map((site) => site.siteName ?? site.siteId.slice(0, 8)).join(', ')}</td>
                </tr>
              ))}
              {campaigns.data?.items.length === 0 && (
                <EmptyRow columns={5}>No campaign yet: create the first one.</EmptyRow>
              )}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

/** The numeric terms of a site in a campaign: field, label, max, step. */
const TERM_INPUTS = [
  ['costPerHour', 'cost per hour', undefined, 0.01],
  ['floor', 'floor', 100, 1],
  ['cap', 'cap', 100, 1],
] as const;

interface SiteTerms {
  selected: boolean;
  costPerHour: string;
  floor: string;
  cap: string;
  testCell: boolean;
}

function CreateCampaign() {
  const sites = useResource(() => allPages<SiteView>('/sites', { status: 'active' }), []);
  const [values, setValues] = useState({
    name: '',
    product: '',
    objective: '',
    targetVolume: '10000',
    callerNumber: '+33 1 62 00 00 01',
    contractOffers: '',
    startsAt: '',
    allocationStrategy: 'proportional_capacity' as AllocationStrategy,
  });
  const [terms, setTerms] = useState<Record<string, SiteTerms>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof values, value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const termsOf = (id: string): SiteTerms =>
    terms[id] ?? { selected: false, costPerHour: '', floor: '', cap: '', testCell: false };
  const setTerm = (id: string, change: Partial<SiteTerms>) =>
    setTerms((current) => ({ ...current, [id]: { ...termsOf(id), ...change } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const chosen = (sites.data ?? []).filter((site) => termsOf(site.id).selected);
    const body = {
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
      sites: chosen.map((site) => {
        const t = termsOf(site.id);
        return {
          siteId: site.id,
          ...(t.costPerHour ? { costPerHour: Number(t.costPerHour) } : {}),
          ...(t.floor ? { floor: Number(t.floor) / 100 } : {}),
          ...(t.cap ? { cap: Number(t.cap) / 100 } : {}),
          testCell: t.testCell,
        };
      }),
    };
    try {
      const campaign = await campaignsApi.create(body);
      navigate(`/campaigns/${campaign.id}`);
    } catch (failure) {
      setErrors(fieldErrors(failure));
      setMessage(failure instanceof Error ? failure.message : 'The campaign was refused.');
    } finally {
      setBusy(false);
    }
  };

  const input = (
    name: keyof typeof values,
    label: string,
    type = 'text',
    extra: Record<string, string | number> = {},
  ) => (
    <label htmlFor={`campaign-${name}`}>
      {label}
      <input
        id={`campaign-${name}`}
        type={type}
        value={values[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `campaign-${name}-error` : undefined}
        onChange={(event) => set(name, event.target.value)}
        {...extra}
      />
      {errors[name] && (
        <span className="field-error" id={`campaign-${name}-error`}>
          {errors[name]}
        </span>
      )}
    </label>
  );

  return (
    <form
      className="panel"
      onSubmit={submit}
      noValidate
      aria-labelledby="create-title"
      data-testid="create-campaign"
    >
      <h2 id="create-title">New campaign</h2>
      <div className="form-grid">
        {input('name', 'Name')}
        {input('product', 'Product')}
        {input('objective', 'Objective (optional)')}
        {input('targetVolume', 'Target volume (contacts)', 'number', { min: 1 })}
        {input('callerNumber', 'Caller number (ARCEP range)')}
        {input('contractOffers', 'Contract offers it relates to (comma-separated; none: consent only)')}
        {input('startsAt', 'Starts (optional)', 'datetime-local')}
        <label htmlFor="campaign-strategy">
          Allocation strategy
          <select
            id="campaign-strategy"
            value={values.allocationStrategy}
            onChange={(event) => set('allocationStrategy', event.target.value)}
          >
            {ALLOCATION_STRATEGIES.map((strategy) => (
              <option key={strategy} value={strategy}>
                {STRATEGY_LABELS[strategy]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table>
        <caption>
          Eligible sites and their terms
          {values.allocationStrategy === 'test_and_learn'
            ? ': tick the test cell (sites outside it get their floor)'
            : ''}
          {errors.sites && <span className="field-error"> — {errors.sites}</span>}
        </caption>
        <TableHead columns={['Site', 'Cost / hour (€)', 'Floor (%)', 'Cap (%)', 'Test cell']} />
        <tbody>
          {(sites.data ?? []).map((site) => {
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
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create campaign'}
        </button>
        {message && (
          <span className="error" role="alert">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}
