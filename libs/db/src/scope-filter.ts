import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** The sites a caller may see (`#core`'s SiteScope; the kernel's db imports no core): an absent field restricts nothing. */
interface CallerScope {
  readonly partnerId?: string;
  readonly siteIds?: readonly string[];
}

/**
 * Narrows a query to the rows a caller may see: a row of another partner, or of a site outside
 * the caller's sites, is simply not found. `columns` names the row's partner and site columns
 * (`alert.partnerId`, `site.id`…). A row with no site stays visible to a site-scoped caller of
 * its partner (network-wide alerts, reports).
 */
export function whereInScope<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  scope: CallerScope | undefined,
  columns: { partner: string; site: string },
): SelectQueryBuilder<T> {
  if (scope?.partnerId)
    builder.andWhere(`${columns.partner} = :scopePartner`, { scopePartner: scope.partnerId });
  if (scope?.siteIds)
    builder.andWhere(`${columns.site} IN (:...scopeSites)`, { scopeSites: [...scope.siteIds, null] });
  return builder;
}
