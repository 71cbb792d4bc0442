import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { REPORT_DUE_HOUR } from '../domain/report-due.js';
import { StaffingReportStore } from '../store/staffing-reports.store.js';

export interface ReportTimeliness {
  /** reporting days of the month (Monday to Saturday) whose report was due by `asOf` */
  dueDays: number;
  /** of those, days first covered by a report after it fell due, or not covered yet */
  lateDays: string[];
}

/**
 * Report timeliness of a site's month, for partner SLAs: the report of a working day (Monday to
 * Saturday) is due by 10:00 site-local time the next day (report-due.ts). A day counts late when
 * the first report covering it (any version, daily or weekly) was submitted after that, or when
 * none covers it yet. Days before the site opened and days covered by the demo seed's history
 * are not counted.
 */
@Injectable()
export class ReportTimelinessService {
  constructor(private readonly reports: StaffingReportStore) {}

  async ofMonth(
    site: { id: string; timeZone: string; openedOn: string | null },
    month: string,
    asOf: Date,
  ): Promise<ReportTimeliness> {
    const first = DateTime.fromISO(`${month}-01`, { zone: site.timeZone });
    const days: Array<{ day: string; dueAt: Date }> = [];
    for (let day = first; day.month === first.month; day = day.plus({ days: 1 })) {
      const dueAt = day.plus({ days: 1, hours: REPORT_DUE_HOUR }).toJSDate();
      const date = day.toISODate()!;
      if (day.weekday === 7 || dueAt > asOf || (site.openedOn !== null && date < site.openedOn)) continue;
      days.push({ day: date, dueAt });
    }
    if (!days.length) return { dueDays: 0, lateDays: [] };
    const coverage = await this.reports.dayCoverage(
      site.id,
      days.map((d) => d.day),
    );
    const counted = days.filter(({ day }) => !coverage.get(day)?.seeded);
    const lateDays = counted
      .filter(({ day, dueAt }) => {
        const at = coverage.get(day)?.firstAt;
        return !at || new Date(at) > dueAt;
      })
      .map(({ day }) => day);
    return { dueDays: counted.length, lateDays };
  }
}
