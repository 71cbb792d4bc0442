import { DomainError, ErrorKind } from '#core';

export enum NetworkErrorCode {
  PartnerNotFound = 'partner_not_found',
  PartnerNameTaken = 'partner_name_taken',
  UnknownPartner = 'unknown_partner',
  SiteNotFound = 'site_not_found',
  SiteNameTaken = 'site_name_taken',
  SeatNotFound = 'seat_not_found',
  SeatLabelTaken = 'seat_label_taken',
  SeatCapacityExceeded = 'seat_capacity_exceeded',
  SiteClosed = 'site_closed',
}

/** Failures of the network context: partners, sites, seats. */
export class NetworkError extends DomainError<NetworkErrorCode> {
  private constructor(code: NetworkErrorCode, kind: ErrorKind, message: string, details?: unknown) {
    super(code, kind, message, details);
  }

  static partnerNotFound(id: string) {
    return new NetworkError(
      NetworkErrorCode.PartnerNotFound,
      ErrorKind.NotFound,
      `Partner ${id} does not exist.`,
    );
  }
  static partnerNameTaken(name: string) {
    return new NetworkError(
      NetworkErrorCode.PartnerNameTaken,
      ErrorKind.Conflict,
      `A partner named "${name}" already exists.`,
    );
  }
  static unknownPartner(id: string) {
    return new NetworkError(
      NetworkErrorCode.UnknownPartner,
      ErrorKind.Invalid,
      `partnerId ${id} does not name a partner you can use.`,
      { field: 'partnerId' },
    );
  }
  static siteNotFound(id: string) {
    return new NetworkError(NetworkErrorCode.SiteNotFound, ErrorKind.NotFound, `Site ${id} does not exist.`);
  }
  static siteNameTaken(name: string) {
    return new NetworkError(
      NetworkErrorCode.SiteNameTaken,
      ErrorKind.Conflict,
      `This partner already has a site named "${name}".`,
    );
  }
  static seatNotFound(id: string) {
    return new NetworkError(NetworkErrorCode.SeatNotFound, ErrorKind.NotFound, `Seat ${id} does not exist.`);
  }
  static seatLabelTaken(labels: string[]) {
    return new NetworkError(
      NetworkErrorCode.SeatLabelTaken,
      ErrorKind.Conflict,
      `Seat label(s) already used on this site: ${labels.join(', ')}.`,
      { labels },
    );
  }
  static seatCapacityExceeded(installed: number, wanted: number) {
    return new NetworkError(
      NetworkErrorCode.SeatCapacityExceeded,
      ErrorKind.Conflict,
      `The site has ${installed} installed seats; ${wanted} active seats would exceed it. Raise installedSeats first.`,
      { installedSeats: installed, activeSeats: wanted },
    );
  }
  static siteClosed(id: string) {
    return new NetworkError(NetworkErrorCode.SiteClosed, ErrorKind.Conflict, `Site ${id} is closed.`);
  }
}
