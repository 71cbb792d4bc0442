export type PartnerKind = 'in_house' | 'outsourcer';
export type SiteStatus = 'planned' | 'active' | 'closed';

export interface PartnerView {
  id: string;
  name: string;
  kind: PartnerKind;
  createdAt: string;
}

export interface SiteView {
  id: string;
  partnerId: string;
  partnerName?: string;
  name: string;
  city: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
  /** IANA time zone, e.g. Africa/Casablanca */
  timeZone: string;
  installedSeats: number;
  status: SiteStatus;
  /** YYYY-MM-DD */
  openedOn: string | null;
  /** true when the site is in France (onshore), false offshore */
  onshore: boolean;
}

export interface SeatView {
  id: string;
  siteId: string;
  label: string;
  active: boolean;
}
