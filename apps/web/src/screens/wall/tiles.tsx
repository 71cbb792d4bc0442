import type { OccupancyFigures, SiteLive, SiteView } from '@contracts';
import { KeyFigures, StateBar, StateLegend } from '../../components/figures';
import { sumFigures } from '../../lib/figures';
import type { PartnerGroup } from './wall-figures';

/** The totals of everything watched. */
export function NetworkTile({ label, totals }: { label: string; totals: OccupancyFigures }) {
  return (
    <section className="tile network-tile" aria-labelledby="network-title" data-testid="network-tile">
      <h2 id="network-title">{label}</h2>
      <KeyFigures figures={totals} />
      <StateBar counts={totals.counts} seats={totals.seats} />
      <StateLegend counts={totals.counts} />
    </section>
  );
}

/** A partner's figures, and each of its sites. */
export function PartnerTile({ group, sitesById }: { group: PartnerGroup; sitesById: Map<string, SiteView> }) {
  const { partner, sites } = group;
  const figures = sumFigures(sites);
  return (
    <section
      className="tile partner-tile"
      aria-labelledby={`partner-${partner.id}`}
      data-testid="partner-tile"
    >
      <h2 id={`partner-${partner.id}`}>{partner.name}</h2>
      <KeyFigures figures={figures} />
      <StateBar counts={figures.counts} seats={figures.seats} />
      <ul className="site-tiles">
        {sites.map((site) => (
          <SiteTile key={site.siteId} site={site} view={sitesById.get(site.siteId)} />
        ))}
      </ul>
    </section>
  );
}

function SiteTile({ site, view }: { site: SiteLive; view?: SiteView }) {
  return (
    <li className="tile site-tile" data-testid="site-tile" data-site-id={site.siteId} aria-label={site.name}>
      <h3>{site.name}</h3>
      {view && (
        <p className="muted place">
          {view.city}, {view.country} · {view.onshore ? 'onshore' : 'offshore'}
        </p>
      )}
      <KeyFigures figures={site} />
      <StateBar counts={site.counts} seats={site.seats} />
    </li>
  );
}
