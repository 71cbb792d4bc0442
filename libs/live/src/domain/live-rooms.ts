import type { DomainEventMap, DomainEventName, LiveScope } from '#contracts';

/** socket.io room names: one per subscribable scope. */
export const LiveRooms = {
  network: 'network',
  partner: (id: string) => `partner:${id}`,
  site: (id: string) => `site:${id}`,
  campaign: (id: string) => `campaign:${id}`,
  of(scope: LiveScope, id: string | null): string {
    return scope === 'network' ? LiveRooms.network : `${scope}:${id}`;
  },
  /**
   * A room's mirror for read-only wall links: its `site.occupancy` (without seats) and
   * `activity.changed`, nothing else. Wall sockets join only mirrors, never the room itself.
   */
  wall: (room: string) => `wall:${room}`,
  /** A room's mirror for the alert events of walls with an alerts tile. */
  wallAlerts: (room: string) => `wall-alerts:${room}`,
};

const ALERT_EVENTS = new Set<DomainEventName>(['alert.opened', 'alert.resolved']);

export const LIVE_NAMESPACE = '/live';

/** Domain events the live layer forwards to dashboards (site.occupancy is its own, coalesced). */
export const FORWARDED_EVENTS = [
  'staffing.report',
  'headcount.changed',
  'alert.opened',
  'alert.resolved',
  'campaign.progress',
  'campaign.status',
  'import.progress',
  'planning.updated',
] as const satisfies readonly DomainEventName[];

export type ForwardedEvent = (typeof FORWARDED_EVENTS)[number];

/**
 * The rooms a domain event goes to: the network, plus the partner, site and campaign it names.
 * A payload without partner or site goes only to the network (and its campaign).
 */
export function roomsForEvent<E extends DomainEventName>(payload: DomainEventMap[E]): string[] {
  const fields = payload as { siteId?: unknown; partnerId?: unknown; campaignId?: unknown };
  const rooms: string[] = [LiveRooms.network];
  if (typeof fields.partnerId === 'string') rooms.push(LiveRooms.partner(fields.partnerId));
  if (typeof fields.siteId === 'string') rooms.push(LiveRooms.site(fields.siteId));
  if (typeof fields.campaignId === 'string') rooms.push(LiveRooms.campaign(fields.campaignId));
  return rooms;
}

/** The rooms a forwarded event goes to: alerts reach the wall links' alert mirrors too. */
export function forwardRooms<E extends DomainEventName>(name: E, payload: DomainEventMap[E]): string[] {
  const rooms = roomsForEvent(payload);
  return ALERT_EVENTS.has(name) ? [...rooms, ...rooms.map(LiveRooms.wallAlerts)] : rooms;
}
