import { INCIDENT_KINDS, type ReportRule } from '@contracts';
import type { ComplianceFilters } from '../../lib/campaigns-api';

export const RULE_LABELS: Record<ReportRule, string> = {
  outside_calling_hours: 'Outside calling hours',
  weekend: 'On a weekend',
  public_holiday: 'On a public holiday',
  late_report: 'Reported after the lease expired',
  called_after_withdrawal: 'Called after a refusal withdrew the contact',
  caller_number: 'Caller number outside the ARCEP ranges',
  refusal: 'Refusals recorded (honoured from then on)',
};

export type RuleChoice = ReportRule | 'flagged';

/** The period of this month so far, in the browser's dates (the api reads them as Paris dates). */
export function thisMonth(): ComplianceFilters {
  const today = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  const month = `${today.getFullYear()}-${pad(today.getMonth() + 1)}`;
  return {
    from: `${month}-01`,
    to: `${month}-${pad(today.getDate())}`,
    campaignId: '',
    partnerId: '',
    siteId: '',
  };
}

export function incidentTitle(incidents: Partial<Record<(typeof INCIDENT_KINDS)[number], number>>): string {
  return INCIDENT_KINDS.filter((kind) => incidents[kind])
    .map((kind) => `${kind.replace(/_/g, ' ')}: ${incidents[kind]}`)
    .join(', ');
}

export const words = (value: string) => value.replace(/_/g, ' ');
