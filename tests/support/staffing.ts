/** A valid daily staffing report for `period` (YYYY-MM-DD): the body of POST /sites/:id/staffing-reports. */
export const staffingReport = (period: string) => ({
  period,
  agentsInProduction: 70,
  agentsInTraining: 8,
  teamLeaders: 6,
  supervisors: 2,
  trainersQa: 3,
  hires: 4,
  leavers: 1,
  seatsInstalled: 120,
  seatsStaffed: 64,
  absenteeismPct: 5.5,
});
