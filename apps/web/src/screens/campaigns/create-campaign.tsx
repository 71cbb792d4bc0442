import { ALLOCATION_STRATEGIES } from '@contracts';
import { Field, invalidProps } from '../../components/field';
import { FormMessage } from '../../components/form-message';
import { STRATEGY_LABELS } from '../../lib/campaigns-api';
import { SiteTermsTable } from './site-terms';
import { type CampaignValues, useCreateCampaign } from './use-create-campaign';

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
