import { DomainError, ErrorKind } from '#core';

export enum LiveErrorCode {
  SiteNotFound = 'site_not_found',
  PartnerNotFound = 'partner_not_found',
  UnknownSeats = 'unknown_seats',
  UnknownCampaigns = 'unknown_campaigns',
  EventsInFuture = 'seat_events_in_future',
  SiteClosed = 'site_closed',
  InvalidSubscription = 'invalid_subscription',
  ScopeForbidden = 'scope_forbidden',
  InvalidDate = 'invalid_date',
  WallLinkRefused = 'wall_link_refused',
  NotOnWall = 'not_on_wall',
}

/** Failures of the live context: seat-state ingestion and live subscriptions. */
export class LiveError extends DomainError<LiveErrorCode> {
  private constructor(code: LiveErrorCode, kind: ErrorKind, message: string, details?: unknown) {
    super(code, kind, message, details);
  }

  static siteNotFound(id: string) {
    return new LiveError(LiveErrorCode.SiteNotFound, ErrorKind.NotFound, `Site ${id} does not exist.`);
  }
  static partnerNotFound(id: string) {
    return new LiveError(LiveErrorCode.PartnerNotFound, ErrorKind.NotFound, `Partner ${id} does not exist.`);
  }
  static unknownSeats(siteId: string, seats: Array<{ index: number; seatId: string }>) {
    const shown = seats.slice(0, 10).map((seat) => `events[${seat.index}].seatId ${seat.seatId}`);
    return new LiveError(
      LiveErrorCode.UnknownSeats,
      ErrorKind.Invalid,
      `${seats.length} event(s) name seats that are not active seats of site ${siteId}: ${shown.join(', ')}${seats.length > 10 ? ', …' : ''}. Nothing was applied.`,
      { seats },
    );
  }
  static unknownCampaigns(siteId: string, events: Array<{ index: number; campaignId: string }>) {
    const shown = events.slice(0, 10).map((event) => `events[${event.index}].campaignId ${event.campaignId}`);
    return new LiveError(
      LiveErrorCode.UnknownCampaigns,
      ErrorKind.Invalid,
      `${events.length} event(s) name campaigns that site ${siteId} does not work: ${shown.join(', ')}${events.length > 10 ? ', …' : ''}. Send the id of a campaign the site is eligible for, or no campaignId. Nothing was applied.`,
      { events },
    );
  }
  static eventsInFuture(latest: string, events: Array<{ index: number; at: string }>) {
    return new LiveError(
      LiveErrorCode.EventsInFuture,
      ErrorKind.Invalid,
      `${events.length} event(s) are dated after ${latest} (the server's clock plus tolerance): ${events
        .slice(0, 10)
        .map((event) => `events[${event.index}].at ${event.at}`)
        .join(', ')}. Check the sender's clock; nothing was applied.`,
      { events },
    );
  }
  static siteClosed(id: string) {
    return new LiveError(
      LiveErrorCode.SiteClosed,
      ErrorKind.Conflict,
      `Site ${id} is closed; it reports no seat states.`,
    );
  }
  /** a wall token where this process serves no wall links, or one that is not a string */
  static wallLinkRefused() {
    return new LiveError(
      LiveErrorCode.WallLinkRefused,
      ErrorKind.Unauthenticated,
      'This wall link is not valid here: open the link its owner shared.',
    );
  }
  static notOnWall() {
    return new LiveError(
      LiveErrorCode.NotOnWall,
      ErrorKind.Forbidden,
      'A wall link follows only the scopes of its wall’s tiles.',
    );
  }
  static invalidSubscription(message: string) {
    return new LiveError(LiveErrorCode.InvalidSubscription, ErrorKind.Invalid, message);
  }
  static scopeForbidden(scope: string) {
    return new LiveError(
      LiveErrorCode.ScopeForbidden,
      ErrorKind.Forbidden,
      `Your access does not cover the ${scope} scope; subscribe to your own sites or partner.`,
    );
  }
  static invalidDate(value: string) {
    return new LiveError(
      LiveErrorCode.InvalidDate,
      ErrorKind.Invalid,
      `date must be YYYY-MM-DD, got "${value}".`,
      {
        field: 'date',
      },
    );
  }
}
