import type { TransparencySearch } from './use-transparency';
import { Choice, optionsOf } from '../../components/choice';

/** A campaign (shown as soon as chosen) or a customer's number (on Search). */
export function SearchForm({ campaigns, draft, setDraft, chooseCampaign, submit }: TransparencySearch) {
  return (
    <form className="toolbar" onSubmit={submit} aria-label="Filter calls">
      <label>
        Campaign
        <Choice
          value={draft.campaignId}
          options={optionsOf(campaigns, 'Choose a campaign')}
          onChange={chooseCampaign}
        />
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
  );
}
