import { useState } from 'react';
import { ScreenError } from '../../components/states';
import { clockTime } from '../../lib/figures';
import { ActiveCampaigns } from './active-campaigns';
import { OpenAlerts } from './open-alerts';
import { NetworkTile, PartnerTile } from './tiles';
import { useFitToScreen, WALL_SCREEN } from './use-fit-to-screen';
import { useWall } from './use-wall';

/** open alerts listed in the wall-screen layout (the rest counted) */
const WALL_ALERTS = 4;

/**
 * The supervisor wall: the network, each partner and each site with seats by state, occupancy,
 * staffed vs installed seats and headcount, updated live over the socket; active campaigns
 * and open alerts beside them. Built to be read from across the room.
 */
export function WallScreen() {
  const wall = useWall();
  const { live, network, sitesById } = wall;
  const [wallMode, setWallMode] = useState(() => window.matchMedia(WALL_SCREEN).matches);
  useFitToScreen(wallMode, [live.sites.length, network.data]);

  return (
    <div className={`wall ${wallMode ? 'wall-mode' : ''}`} data-testid="wall">
      <header className="screen-head">
        <h1>{wall.title}</h1>
        <span className="muted" data-testid="updated-at">
          {live.updatedAt ? `updated ${clockTime(live.updatedAt)}` : 'waiting for live figures…'}
        </span>
        <button
          type="button"
          className="ghost"
          aria-pressed={wallMode}
          onClick={() => setWallMode(!wallMode)}
        >
          {wallMode ? 'Laptop layout' : 'Wall-screen layout'}
        </button>
      </header>
      {network.error && <ScreenError error={network.error} />}
      {live.errors.map((error) => (
        <p key={error.code + error.message} className="error" role="alert">
          Live figures refused: {error.message}
        </p>
      ))}
      <NetworkTile label={wall.scopeLabel} totals={wall.totals} />
      <div className="wall-body">
        <div className="partners">
          {wall.byPartner.map((group) => (
            <PartnerTile key={group.partner.id} group={group} sitesById={sitesById} />
          ))}
          {!live.sites.length && !live.errors.length && <p className="muted">Loading live figures…</p>}
        </div>
        <aside className="wall-side">
          {wall.showCampaigns && <ActiveCampaigns />}
          <OpenAlerts sites={sitesById} shown={wallMode ? WALL_ALERTS : undefined} />
        </aside>
      </div>
    </div>
  );
}
