/**
 * Which sites a caller may see, derived by the identity layer from who is calling.
 * An absent field means "no restriction on that axis". Domain queries apply it, so a site
 * outside the scope is simply not found (existence never leaks across partners).
 */
export interface SiteScope {
  readonly partnerId?: string;
  readonly siteIds?: readonly string[];
}

export const UNRESTRICTED: SiteScope = Object.freeze({});

export function scopeAllowsSite(scope: SiteScope, site: { id: string; partnerId: string }): boolean {
  if (scope.partnerId && scope.partnerId !== site.partnerId) return false;
  if (scope.siteIds && !scope.siteIds.includes(site.id)) return false;
  return true;
}
