import type { PartnerKind, SiteStatus } from '#contracts';

export const PARTNER_KINDS: PartnerKind[] = ['in_house', 'outsourcer'];
export const SITE_STATUSES: SiteStatus[] = ['planned', 'active', 'closed'];
