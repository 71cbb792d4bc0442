/**
 * Where a French consumer lives, as told by the number's region (libphonenumber region code):
 * metropolitan France and the overseas departments and collectivities that follow French
 * telemarketing law, each with its own time zone and public holidays.
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

export const CONSUMER_ZONES: readonly string[] = [...new Set(Object.values(CONSUMER_REGIONS))];

export function isConsumerRegion(region: string | undefined): region is ConsumerRegion {
  return !!region && Object.hasOwn(CONSUMER_REGIONS, region);
}

export function zoneOfRegion(region: ConsumerRegion): string {
  return CONSUMER_REGIONS[region];
}
