import { DateTime } from 'luxon';
import { draftOf, type ReportDraft, type ReportSite, parsePeriod } from '#staffing';

/**
 * 18 months of plausible daily staffing reports (Monday to Saturday) for the demo sites, ending
 * yesterday, plus monthly plans from the first month to 6 months ahead. Consistent with the
 * seed facts: the in-house centre grows from ~70 to ~130 people on its 100 seats (on the way to
 * ~200, "100 more direct jobs"), the partners' 400 offshore seats go from about one agent per seat
 * to ~1.35 (two shifts on part of the floor), on the way to ~1,000 outsourced jobs. New hires
 * train for three weeks; attrition runs ~2 %/month in-house and ~4 %/month at partners.
 * Deterministic (seeded per site), so the demo looks the same on every first start.
 */
export const DEMO_HISTORY_MONTHS = 18;
export const DEMO_PLAN_MONTHS_AHEAD = 6;
const TRAINING_DAYS = 18;

export interface DemoStaffingSite {
  site: ReportSite & { installedSeats: number; timeZone: string };
  inHouse: boolean;
}

export interface DemoPlan {
  siteId: string;
  month: string;
  headcount: number;
}

/** Small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function profile({ site, inHouse }: DemoStaffingSite) {
  const seats = site.installedSeats;
  return inHouse
    ? { start: 62, end: 118, monthlyAttrition: 0.02, longTermAgents: 185 }
    : {
        start: Math.round(seats * 0.95),
        end: Math.round(seats * 1.3),
        monthlyAttrition: 0.04,
        longTermAgents: seats * 1.9,
      };
}

export function demoStaffingHistory(
  sites: DemoStaffingSite[],
  now: Date,
): { drafts: ReportDraft[]; plans: DemoPlan[] } {
  const drafts: ReportDraft[] = [];
  const plans: DemoPlan[] = [];
  sites.forEach((entry, index) => {
    const { site } = entry;
    const rand = random(1000 + index * 7919);
    const shape = profile(entry);
    const today = DateTime.fromJSDate(now, { zone: site.timeZone }).startOf('day');
    const first = today.minus({ months: DEMO_HISTORY_MONTHS }).startOf('month');
    const totalDays = today.diff(first, 'days').days;
    const target = (day: DateTime) =>
      shape.start + ((shape.end - shape.start) * day.diff(first, 'days').days) / totalDays;
    let agents = shape.start;
    const recentHires: number[] = [];
    for (let day = first; day < today; day = day.plus({ days: 1 })) {
      if (day.weekday === 7) continue;
      const leavers = rand() < (agents * shape.monthlyAttrition) / 26 ? 1 + (rand() < 0.15 ? 1 : 0) : 0;
      // cohorts start on Mondays, sized to reach the trajectory three weeks later
      const hires =
        day.weekday === 1
          ? Math.max(
              0,
              Math.round(target(day.plus({ weeks: 3 })) - agents + leavers * 6 + (rand() - 0.5) * 3),
            )
          : 0;
      agents = agents - leavers + hires;
      recentHires.push(hires);
      if (recentHires.length > TRAINING_DAYS) recentHires.shift();
      const training = Math.min(
        agents,
        recentHires.reduce((sum, value) => sum + value, 0),
      );
      const production = agents - training;
      const seatsStaffed = Math.min(site.installedSeats, Math.round(production * (0.72 + rand() * 0.08)));
      const period = parsePeriod(day.toISODate()!)!;
      drafts.push(
        draftOf(
          {
            agentsInProduction: production,
            agentsInTraining: training,
            teamLeaders: Math.ceil(agents / 12),
            supervisors: Math.ceil(agents / 45),
            trainersQa: Math.ceil(agents / 30),
            hires,
            leavers,
            seatsInstalled: site.installedSeats,
            seatsStaffed,
            absenteeismPct: Math.round((4 + rand() * 5) * 100) / 100,
            attritionNotes: leavers > 1 ? 'two leavers the same day (competitor offer)' : null,
          },
          period,
          site,
        ),
      );
    }
    const staff = (agents: number) =>
      agents + Math.ceil(agents / 12) + Math.ceil(agents / 45) + Math.ceil(agents / 30);
    for (
      let month = first;
      month <= today.plus({ months: DEMO_PLAN_MONTHS_AHEAD });
      month = month.plus({ months: 1 })
    ) {
      const progress = month.endOf('month').diff(first, 'days').days / totalDays;
      const planned = shape.start + (shape.longTermAgents - shape.start) * Math.min(1, progress * 0.45);
      plans.push({
        siteId: site.id,
        month: month.toFormat('yyyy-MM'),
        headcount: staff(Math.round(planned)),
      });
    }
  });
  return { drafts, plans };
}
