import type { BillingCheckSite, InvoiceLineView, LineAdherenceMonth, PartnerCost } from '@contracts';

export const thisMonth = () => new Date().toISOString().slice(0, 7);
export const fixed = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined ? '–' : value.toFixed(digits);
export const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;

/** The colour of an interval's adherence: within 10% green, under red, over amber, none grey. */
export function cellColour(adherence: number | null): string {
  if (adherence === null) return 'var(--panel, #222)';
  if (Math.abs(adherence - 1) <= 0.1) return 'var(--ok)';
  return adherence < 1 ? 'var(--bad)' : 'var(--warn)';
}

export interface CsvTable {
  header: string[];
  rows: unknown[][];
}

const CHECK_FIELDS = [
  'currency',
  'deliveredHours',
  'billableHours',
  'gapMinutes',
  'expectedAmount',
  'billedHours',
  'billedAmount',
  'difference',
  'lines',
  'flaggedLines',
  'disputedLines',
  'shareWithinTolerance',
  'adherenceStatus',
  'adherenceReason',
  'adherenceCredits',
  'lateReports',
  'timelinessCredits',
  'complianceIncidents',
  'complianceCredits',
  'credits',
  'attempts',
  'reached',
  'sales',
  'costPerReached',
  'costPerSale',
] as const satisfies ReadonlyArray<keyof BillingCheckSite>;

export const checkCsv = (sites: BillingCheckSite[]): CsvTable => ({
  header: ['site', ...CHECK_FIELDS],
  rows: sites.map((s) => [s.siteName, ...CHECK_FIELDS.map((field) => s[field])]),
});

const OUTCOME_FIELDS = ['attempts', 'reached', 'sales', 'costPerReached', 'costPerSale'] as const;

/** Each partner's month (all campaigns), then each of its campaigns. */
export const costsCsv = (partners: PartnerCost[], partnerName: (id: string) => string): CsvTable => ({
  header: ['partner', 'currency', 'campaign', 'cost', ...OUTCOME_FIELDS],
  rows: partners.flatMap((p) => [
    [
      partnerName(p.partnerId),
      p.currency,
      'all campaigns',
      p.expectedAmount,
      ...OUTCOME_FIELDS.map((f) => p[f]),
    ],
    ...p.campaigns.map((c) => [
      partnerName(p.partnerId),
      p.currency,
      c.campaignName,
      c.cost,
      ...OUTCOME_FIELDS.map((f) => c[f]),
    ]),
  ]),
});

const LINE_FIELDS = [
  'period',
  'reference',
  'hours',
  'amount',
  'currency',
  'expectedAmount',
  'difference',
  'flagged',
  'flagReason',
  'status',
] as const satisfies ReadonlyArray<keyof InvoiceLineView>;

export const linesCsv = (lines: InvoiceLineView[], siteName: (id: string) => string): CsvTable => ({
  header: ['site', ...LINE_FIELDS, 'lastComment'],
  rows: lines.map((line) => [
    siteName(line.siteId),
    ...LINE_FIELDS.map((field) => line[field]),
    line.reviews.at(-1)?.comment ?? '',
  ]),
});

export const adherenceCsv = (month: LineAdherenceMonth): CsvTable => ({
  header: ['date', 'localTime', 'adherence'],
  rows: month.days.flatMap((day) => day.intervals.map((cell) => [day.date, cell.localTime, cell.adherence])),
});
