import { ALLOCATION_STRATEGIES } from '@contracts';
import { Field, invalidProps } from '../../components/field';
import { FormMessage } from '../../components/form-message';
import { STRATEGY_LABELS } from '../../lib/campaigns-api';
import { SiteTermsTable } from './site-terms';
import { type CampaignValues, useCreateCampaign } from './use-create-campaign';
import { Choice } from '../../components/choice';

/** The form that creates a campaign and opens it. */
export function CreateCampaign() {
  const { sites, values, set, termsOf, setTerm, create } = useCreateCampaign();
  const input = (
    name: keyof CampaignValues,
    label: string,
    type = 'text',
    extra: Record<string, string | number> = {},
  ) => {
    const id = `campaign-${name}`;
    return (
      <Field id={id} label={label} error={create.errors[name]}>
        <input
          id={id}
          type={type}
          value={values[name]}
          {...invalidProps(id, create.errors[name])}
          onChange={(event) => set(name, event.target.value)}
          {...extra}
        />
      </Field>
    );
  };
  return (
    <form
      className="panel"
      onSubmit={create.submit}
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
          <Choice
            id="campaign-strategy"
            value={values.allocationStrategy}
            options={ALLOCATION_STRATEGIES.map((strategy) => ({
              value: strategy,
              label: STRATEGY_LABELS[strategy],
            }))}
            onChange={(strategy) => set('allocationStrategy', strategy)}
          />
        </label>
      </div>
      <SiteTermsTable
        sites={sites}
        testAndLearn={values.allocationStrategy === 'test_and_learn'}
        error={create.errors.sites}
        termsOf={termsOf}
        setTerm={setTerm}
      />
      <div className="actions">
        <button type="submit" disabled={create.busy}>
          {create.busy ? 'Creating…' : 'Create campaign'}
        </button>
        <FormMessage message={create.message} />
      </div>
    </form>
  );
}
