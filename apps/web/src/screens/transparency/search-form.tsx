import type { TransparencySearch } from './use-transparency';

/** A campaign (shown as soon as chosen) or a customer's number (on Search). */
export function SearchForm({ campaigns, draft, setDraft, chooseCampaign, submit }: TransparencySearch) {
  return (
    <form className="toolbar" onSubmit={submit} aria-label="Filter calls">
      <label>
        Campaign
        <select value={draft.campaignId} onChange={(event) => chooseCampaign(event.target.value)}>
          <option value="">Choose a campaign</option>
          {campaigns.map((campaign) => (
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
  );
}
