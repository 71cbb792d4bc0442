import type { SiteDirectory } from '#network';

/** The network's names of its sites and their partners, and the sites' countries, read once for a report. */
export interface SiteNames {
  of(siteId: string): { siteName: string; partnerName: string };
  country(siteId: string): string;
}

export async function siteNames(directory: SiteDirectory): Promise<SiteNames> {
  const sites = new Map((await directory.find({ withPartner: true })).map((site) => [site.id, site]));
  return {
    of: (siteId) => ({
      siteName: sites.get(siteId)?.name ?? '',
      partnerName: sites.get(siteId)?.partner?.name ?? '',
    }),
    country: (siteId) => sites.get(siteId)?.country ?? '',
  };
}
