/**
 * A campaign's contacts, the one count its list shows (`contactCount`), its progress shows
 * (`contacts`) and each site's lease quota is a share of: the contacts it may call (queued, or out
 * on a lease) or has called. A number withheld at import because it was on the opposition list, or
 * withdrawn since (a suppression, a do_not_call in another campaign), is `suppressed` and no longer
 * one of them.
 *
 * `campaign.contact_count` keeps this count as contacts change: the import adds the counted contacts
 * it creates, a suppression takes away the pending contacts it withdraws. Progress counts it afresh
 * with this same condition; tests check that the list, progress and the lease quota agree.
 * This is the condition on a contact row's status column.
 */
export function countedContactSql(status = 'status'): string {
  return `${status} IN ('pending', 'done')`;
}
