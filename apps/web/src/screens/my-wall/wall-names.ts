import type { CampaignView, LiveScope, PartnerView, SiteView, TileKind, WallTile } from '@contracts';
import { tileScope } from '@contracts';
import { allPages } from '../../lib/api';

export const KIND_LABELS: Record<TileKind, string> = {
  network: 'Network seats',
  partner: 'A partner’s seats',
  site: 'A site’s seats',
  campaign: 'A campaign’s seats',
  alerts: 'Open alerts',
  activity: 'Activity',
};
export { keyOf } from '../../lib/wall-scopes';

/** What a tile may show, by name. */
export interface Names {
  partners: PartnerView[];
  sites: SiteView[];
  campaigns: CampaignView[];
}

export async function loadNames(role: string): Promise<Names> {
  const [partners, sites, campaigns] = await Promise.all([
    allPages<PartnerView>('/partners'),
    allPages<SiteView>('/sites'),
    role === 'partner' ? Promise.resolve([]) : allPages<CampaignView>('/campaigns'),
  ]);
  return { partners, sites, campaigns };
}

/** The partners, sites or campaigns a scope chooses from; none for the network. */
export function choicesOf(
  names: Names | undefined,
  scope: LiveScope | null,
): Array<{ id: string; name: string }> | undefined {
  if (scope === 'partner') return names?.partners;
  if (scope === 'site') return names?.sites;
  if (scope === 'campaign') return names?.campaigns;
  return undefined;
}

export function nameOf(names: Names | undefined, scope: LiveScope, id: string | null | undefined): string {
  if (scope === 'network') return 'Network';
  return choicesOf(names, scope)?.find((item) => item.id === id)?.name ?? scope;
}

export function titleOf(tile: WallTile, names: Names | undefined): string {
  if (tile.title) return tile.title;
  const target = tileScope(tile);
  if (!target) return 'Open alerts';
  const name = nameOf(names, target.scope, target.id);
  return tile.kind === 'activity' ? `Activity · ${name}` : name;
}

/** A new tile of `kind` (an activity tile of `scope`) showing `targetId`, or the first choice; null without one. */
export function newTile(
  kind: TileKind,
  scope: LiveScope,
  targetId: string,
  names: Names | undefined,
): WallTile | null {
  const targetScope: LiveScope | null = kind === 'activity' ? scope : kind === 'alerts' ? null : kind;
  const needsTarget = targetScope !== null && targetScope !== 'network';
  const target = needsTarget ? targetId || choicesOf(names, targetScope)?.[0]?.id : undefined;
  if (needsTarget && !target) return null;
  const name = targetScope ? nameOf(names, targetScope, target) : 'Open alerts';
  return {
    id: `${kind}-${Date.now().toString(36)}`,
    kind,
    size: 'medium',
    ...(kind === 'activity' ? { scope } : {}),
    ...(target ? { targetId: target } : {}),
    title: kind === 'activity' ? `Activity · ${name}` : name,
  };
}
