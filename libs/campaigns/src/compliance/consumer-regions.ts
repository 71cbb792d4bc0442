/**
 * Where a French consumer lives, as told by the consumer's address or number (libphonenumber
 * region codes): metropolitan France and the overseas departments and collectivities that follow
 * French telemarketing law, each with its own time zone.
 */
export const CONSUMER_REGIONS = {
  FR: 'Europe/Paris',
  GP: 'America/Guadeloupe',
  MQ: 'America/Martinique',
  GF: 'America/Cayenne',
  RE: 'Indian/Reunion',
  YT: 'Indian/Mayotte',
  PM: 'America/Miquelon',
  BL: 'America/St_Barthelemy',
  MF: 'America/Marigot',
} as const;

export type ConsumerRegion = keyof typeof CONSUMER_REGIONS;

export function isConsumerRegion(region: string | undefined): region is ConsumerRegion {
  return !!region && Object.hasOwn(CONSUMER_REGIONS, region);
}

export function zoneOfRegion(region: ConsumerRegion): string {
  return CONSUMER_REGIONS[region];
}

/**
 * A consumer's calendar: the clock (time zone) and the public holidays that apply to them, as
 * date-holidays names them (country, then state). Each territory has its own; Alsace-Moselle
 * (départements 57, 67, 68) adds Good Friday and 26 December to the metropolitan holidays.
 */
export const CONSUMER_CALENDARS = {
  FR: { region: 'FR', holidays: ['FR'] },
  'FR-AM': { region: 'FR', holidays: ['FR', '57'] },
  GP: { region: 'GP', holidays: ['GP'] },
  MQ: { region: 'MQ', holidays: ['MQ'] },
  GF: { region: 'GF', holidays: ['GF'] },
  RE: { region: 'RE', holidays: ['RE'] },
  YT: { region: 'YT', holidays: ['YT'] },
  PM: { region: 'PM', holidays: ['PM'] },
  BL: { region: 'BL', holidays: ['BL'] },
  MF: { region: 'MF', holidays: ['MF'] },
} as const satisfies Record<string, { region: ConsumerRegion; holidays: readonly [string, string?] }>;

export type ConsumerCalendar = keyof typeof CONSUMER_CALENDARS;

export const CALENDAR_NAMES = Object.keys(CONSUMER_CALENDARS) as ConsumerCalendar[];

export function isConsumerCalendar(calendar: string | undefined): calendar is ConsumerCalendar {
  return !!calendar && Object.hasOwn(CONSUMER_CALENDARS, calendar);
}

export function zoneOfCalendar(calendar: ConsumerCalendar): string {
  return CONSUMER_REGIONS[CONSUMER_CALENDARS[calendar].region];
}

/** Where a consumer's clock and holidays came from (counted in the import report). */
export type ClockSource = 'address' | 'number' | 'fallback';

export type AddressProblem = 'postcode_invalid' | 'country_not_supported' | 'postcode_country_mismatch';

/** The calendar of an address (null when it says nothing of the clock), or why the address is refused. */
export type AddressCalendar = { calendar: ConsumerCalendar | null } | { problem: AddressProblem };

/** Overseas postcodes (first three digits, or the whole code for the collectivities sharing 971). */
const OVERSEAS_POSTCODES: ReadonlyArray<readonly [RegExp, ConsumerCalendar]> = [
  [/^97133$/, 'BL'],
  [/^9715[01]$/, 'MF'],
  [/^971/, 'GP'],
  [/^972/, 'MQ'],
  [/^973/, 'GF'],
  [/^974/, 'RE'],
  [/^975/, 'PM'],
  [/^976/, 'YT'],
];
const ALSACE_MOSELLE = /^(?:57|67|68)/;
const COUNTRY_NAMES: Record<string, ConsumerRegion> = { FRANCE: 'FR', FRA: 'FR' };

/**
 * The calendar an address gives, or null when it says nothing about the clock (no address, or
 * only "France"). A postcode decides; a country alone decides only for an overseas territory.
 * Addresses outside the territories French telemarketing rules protect are refused.
 */
export function calendarOfAddress(postcode: string | null, country: string | null): AddressCalendar {
  const countryCode = country ? (COUNTRY_NAMES[country.toUpperCase()] ?? country.toUpperCase()) : null;
  if (countryCode && !isConsumerRegion(countryCode)) return { problem: 'country_not_supported' };
  let fromPostcode: ConsumerCalendar | null = null;
  if (postcode) {
    const code = postcode.replace(/\s/g, '');
    if (!/^\d{5}$/.test(code)) return { problem: 'postcode_invalid' };
    if (/^9[89]/.test(code)) return { problem: 'country_not_supported' };
    fromPostcode =
      OVERSEAS_POSTCODES.find(([pattern]) => pattern.test(code))?.[1] ??
      (ALSACE_MOSELLE.test(code) ? 'FR-AM' : 'FR');
  }
  if (fromPostcode) {
    const region = CONSUMER_CALENDARS[fromPostcode].region;
    if (countryCode && countryCode !== 'FR' && countryCode !== region)
      return { problem: 'postcode_country_mismatch' };
    return { calendar: fromPostcode };
  }
  return { calendar: countryCode && countryCode !== 'FR' ? countryCode : null };
}
