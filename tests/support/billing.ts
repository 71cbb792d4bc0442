/** A valid partner-wide billing contract for 2026 at 100 MAD per productive hour (SLA terms overridable). */
export function contractBody(partnerId: string, name: string, sla: Record<string, number> = {}) {
  return {
    partnerId,
    name,
    basis: 'productive_hour',
    currency: 'MAD',
    validFrom: '2026-01-01',
    billableStates: ['on_call', 'wrap_up', 'available'],
    billablePauseReasons: [],
    rates: [{ validFrom: '2026-01-01', amount: 100 }],
    sla: {
      minIntervalAdherence: 0.9,
      adherenceTolerance: 0.1,
      targetShareWithinTolerance: 0.8,
      creditPerAdherenceBreach: 0,
      creditPerMissedMonth: 0,
      invoiceTolerance: 0.02,
      creditPerLateReport: 0,
      creditPerComplianceIncident: 0,
      ...sla,
    },
  };
}
