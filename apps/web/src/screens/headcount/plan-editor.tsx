import { useState } from 'react';
import type { SiteView, StaffingPlanView } from '@contracts';
import { FormMessage } from '../../components/form-message';
import { allPages, api } from '../../lib/api';
import { useFormAction } from '../../lib/use-form-action';
import { useResource } from '../../lib/use-resource';
import { Choice, optionsOf } from '../../components/choice';

function usePlanEditor(defaultMonth: string, onSaved: () => void) {
  const sites = useResource(() => allPages<SiteView>('/sites', { status: 'active' }), []);
  const [siteId, setSiteId] = useState('');
  const [month, setMonth] = useState(defaultMonth);
  const [headcount, setHeadcount] = useState('');
  const site = siteId || sites.data?.[0]?.id || '';
  const save = useFormAction(
    () =>
      api<StaffingPlanView>(`/sites/${site}/plans/${month}`, {
        method: 'PUT',
        json: { headcount: headcount === '' ? undefined : Number(headcount) },
      }),
    (plan) => {
      onSaved();
      return `Plan for ${plan.month} set to ${plan.headcount}.`;
    },
  );
  return { sites: sites.data ?? [], site, setSiteId, month, setMonth, headcount, setHeadcount, save };
}

/** A manager sets the planned month-end headcount of a site. */
export function PlanEditor({ onSaved, defaultMonth }: { onSaved(): void; defaultMonth: string }) {
  const { sites, site, setSiteId, month, setMonth, headcount, setHeadcount, save } = usePlanEditor(
    defaultMonth,
    onSaved,
  );
  return (
    <form
      className="panel"
      onSubmit={save.submit}
      noValidate
      aria-labelledby="plan-title"
      data-testid="plan-form"
    >
      <h2 id="plan-title">Plan a site's month-end headcount</h2>
      <div className="toolbar">
        <label>
          Site
          <Choice value={site} options={optionsOf(sites)} onChange={setSiteId} />
        </label>
        <label>
          Month
          <input type="month" value={month} onChange={(event) => setMonth(event.target.value)} />
        </label>
        <label>
          Planned headcount
          <input
            type="number"
            min={0}
            value={headcount}
            aria-invalid={save.errors.headcount ? true : undefined}
            onChange={(event) => setHeadcount(event.target.value)}
          />
          {save.errors.headcount && <span className="field-error">{save.errors.headcount}</span>}
        </label>
        <button type="submit" disabled={!site}>
          Save plan
        </button>
        <FormMessage message={save.message} />
      </div>
    </form>
  );
}
