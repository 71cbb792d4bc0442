import type { SiteView } from '@contracts';

/** The report's figures, in the order of the form and of the CSV columns. */
export const COUNTS = [
  ['agentsInProduction', 'Agents in production'],
  ['agentsInTraining', 'Agents in training'],
  ['teamLeaders', 'Team leaders'],
  ['supervisors', 'Supervisors'],
  ['trainersQa', 'Trainers and QA'],
  ['hires', 'Hires since last report'],
  ['leavers', 'Leavers since last report'],
  ['seatsInstalled', 'Seats installed'],
  ['seatsStaffed', 'Seats staffed'],
] as const;

export const CSV_HEADER = [
  'siteId',
  'period',
  ...COUNTS.map(([name]) => name),
  'absenteeismPct',
  'attritionNotes',
];

export type FormValues = Record<string, string>;

/** Today on the site's calendar, as YYYY-MM-DD. */
export function today(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

export const toNumber = (text: string | undefined) =>
  text === undefined || text.trim() === '' ? undefined : Number(text);

/** A blank report for today, the site's installed seats filled in. */
export function blankReport(site: SiteView): FormValues {
  return {
    period: today(site.timeZone),
    absenteeismPct: '0',
    attritionNotes: '',
    ...Object.fromEntries(COUNTS.map(([name]) => [name, ''])),
    seatsInstalled: String(site.installedSeats),
  };
}

/** The form's values as the api's report body. */
export function reportBody(values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    period: values.period,
    absenteeismPct: toNumber(values.absenteeismPct),
    ...Object.fromEntries(COUNTS.map(([name]) => [name, toNumber(values[name])])),
  };
  if (values.attritionNotes.trim()) body.attritionNotes = values.attritionNotes.trim();
  return body;
}

/** A CSV a partner can fill in: the header and one example line for the site. */
export function csvTemplate(site: SiteView): string {
  const example = [site.id, today(site.timeZone), 80, 10, 8, 2, 3, 4, 2, site.installedSeats];
  return `${CSV_HEADER.join(',')}\r\n${example.join(',')},${Math.min(site.installedSeats, 90)},5.5,\r\n`;
}
