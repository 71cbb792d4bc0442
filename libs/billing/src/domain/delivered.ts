import { DateTime } from 'luxon';
import {
  BILLABLE_STATES,
  type BillableState,
  type DeliveredDay,
  type DeliveredInterval,
  PAUSE_REASONS,
  type PauseReasonCounts,
  type RequestedSource,
  SEAT_STATES,
  type SeatStateCounts,
} from '#contracts';
import { dayIntervals, INTERVAL_MINUTES, type LocalSpan } from './calendar.js';
import { type Contract, contractFor, rateOn } from './contract.js';

/** What the minute history holds for one interval of one site (seat-minutes). */
export interface IntervalSample {
  minutes: number;
  counts: SeatStateCounts;
  pauses: PauseReasonCounts;
}

const zeroStates = (): SeatStateCounts => ({ offline: 0, available: 0, on_call: 0, wrap_up: 0, paused: 0 });
const zeroPauses = (): PauseReasonCounts =>
  Object.fromEntries(PAUSE_REASONS.map((reason) => [reason, 0])) as PauseReasonCounts;
/** seat-minutes to hours, kept to 1/10,000 h so sums of rounded figures stay exact enough */
const hours = (seatMinutes: number) => Math.round((seatMinutes / 60) * 10_000) / 10_000;
const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Seat-minutes a contract bills in one interval: its billable states and pause reasons. */
export function billableSeatMinutes(contract: Contract, sample: IntervalSample): number {
  return (
    contract.billableStates.reduce((sum, state) => sum + sample.counts[state], 0) +
    contract.billablePauseReasons.reduce((sum, reason) => sum + sample.pauses[reason], 0)
  );
}

/** Seat-minutes of agents able to take calls: the contract's billable states (all three without one). */
export function productiveSeatMinutes(contract: Contract | null, sample: IntervalSample): number {
  const states: readonly BillableState[] = contract?.billableStates ?? BILLABLE_STATES;
  return states.reduce((sum, state) => sum + sample.counts[state], 0);
}

/**
 * Productive hours delivered and hours requested over one site's day up to `to` (epoch ms, a
 * minute's start): the samples' productive seat-minutes (the contract's billable states), and
 * each requested interval begun by then, the running one in proportion to its minutes gone.
 */
export function hoursSoFar(
  contract: Contract | null,
  samples: readonly IntervalSample[],
  requested: ReadonlyArray<{ start: number; hours: number }>,
  to: number,
): { deliveredHours: number; requestedHours: number } {
  const productive = samples.reduce((sum, sample) => sum + productiveSeatMinutes(contract, sample), 0);
  const asked = requested.reduce(
    (sum, interval) =>
      sum + interval.hours * Math.max(0, Math.min(1, (to - interval.start) / (INTERVAL_MINUTES * 60_000))),
    0,
  );
  return { deliveredHours: hours(productive), requestedHours: round(asked) };
}

/**
 * Delivered hours of one site over local days, interval by interval. A minute without a sample
 * is a gap: shown in gapMinutes, never counted. Averages (productive agents) are over the sampled
 * minutes. Requested hours are per 30-minute interval, so requested agents = hours x 2.
 */
export function deliveredDays(input: {
  siteId: string;
  zone: string;
  span: LocalSpan;
  samples: ReadonlyMap<number, IntervalSample>;
  requested: ReadonlyMap<number, { hours: number; source: RequestedSource }>;
  contracts: Contract[];
}): DeliveredDay[] {
  const byDay = new Map<string, DeliveredDay>();
  const seatMinutesOf = new Map<
    string,
    { states: SeatStateCounts; pauses: PauseReasonCounts; billable: number }
  >();
  for (const date of input.span.days) {
    const contract = contractFor(input.contracts, input.siteId, date);
    byDay.set(date, {
      siteId: input.siteId,
      date,
      timeZone: input.zone,
      contractId: contract?.id ?? null,
      sampledMinutes: 0,
      gapMinutes: 0,
      hours: zeroStates(),
      pauseHours: zeroPauses(),
      billableHours: contract ? 0 : null,
      requestedHours: 0,
      expectedAmount: null,
      currency: contract?.currency ?? null,
      intervals: [],
    });
    seatMinutesOf.set(date, { states: zeroStates(), pauses: zeroPauses(), billable: 0 });
  }
  for (const { date, starts, times } of dayIntervals(input.span, input.zone)) {
    const day = byDay.get(date)!;
    const totals = seatMinutesOf.get(date)!;
    const contract = contractFor(input.contracts, input.siteId, date);
    starts.forEach((start, index) => {
      const sample = input.samples.get(start);
      const minutes = Math.min(sample?.minutes ?? 0, INTERVAL_MINUTES);
      const request = input.requested.get(start) ?? null;
      const requestedHours = request?.hours ?? null;
      const productive = sample && minutes ? productiveSeatMinutes(contract, sample) / minutes : null;
      const adherence =
        productive !== null && requestedHours !== null && requestedHours > 0
          ? productive / (requestedHours * 2)
          : null;
      const interval: DeliveredInterval = {
        start: new Date(start).toISOString(),
        localDate: date,
        localTime: times[index],
        sampledMinutes: minutes,
        gapMinutes: INTERVAL_MINUTES - minutes,
        hours: zeroStates(),
        pauseHours: zeroPauses(),
        billableHours: contract ? 0 : null,
        requestedHours,
        requestedSource: request?.source ?? null,
        productiveAgents: productive === null ? null : round(productive),
        adherence: adherence === null ? null : round(adherence),
        withinTolerance:
          adherence === null || !contract
            ? null
            : Math.abs(adherence - 1) <= contract.sla.adherenceTolerance + 1e-9,
        breach: adherence === null || !contract ? null : adherence < contract.sla.minIntervalAdherence - 1e-9,
      };
      if (sample) {
        for (const state of SEAT_STATES) {
          interval.hours[state] = hours(sample.counts[state]);
          totals.states[state] += sample.counts[state];
        }
        for (const reason of PAUSE_REASONS) {
          interval.pauseHours[reason] = hours(sample.pauses[reason]);
          totals.pauses[reason] += sample.pauses[reason];
        }
        if (contract) {
          const billable = billableSeatMinutes(contract, sample);
          interval.billableHours = hours(billable);
          totals.billable += billable;
        }
      }
      day.sampledMinutes += minutes;
      day.gapMinutes += INTERVAL_MINUTES - minutes;
      day.requestedHours = round(day.requestedHours + (requestedHours ?? 0));
      day.intervals.push(interval);
    });
  }
  for (const day of byDay.values()) {
    const totals = seatMinutesOf.get(day.date)!;
    for (const state of SEAT_STATES) day.hours[state] = hours(totals.states[state]);
    for (const reason of PAUSE_REASONS) day.pauseHours[reason] = hours(totals.pauses[reason]);
    const contract = contractFor(input.contracts, input.siteId, day.date);
    if (contract) {
      day.billableHours = hours(totals.billable);
      day.expectedAmount = expectedAmountOfDay(contract, day.date, totals.billable / 60);
    }
  }
  return [...byDay.values()];
}

/**
 * What a contract bills for one local day: billable hours x the hourly rate in force that day, or
 * for seats, the month's seats x rate spread evenly over the month's days (so a month sums to
 * seats x rate). Null when no rate is in force.
 */
export function expectedAmountOfDay(contract: Contract, date: string, billableHours: number): number | null {
  const rate = rateOn(contract, date);
  if (rate === null) return null;
  if (contract.basis === 'productive_hour') return round(billableHours * rate, 2);
  const daysInMonth = DateTime.fromISO(date).daysInMonth!;
  return round(((contract.contractedSeats ?? 0) * rate) / daysInMonth, 6);
}

/** Sums of a few days (a month, an invoice period). */
export function sumDays(days: DeliveredDay[]): {
  deliveredHours: number;
  billableHours: number | null;
  gapMinutes: number;
  expectedAmount: number | null;
} {
  const billable = days.filter((day) => day.billableHours !== null);
  const amounts = days.filter((day) => day.expectedAmount !== null);
  return {
    deliveredHours: round(
      days.reduce(
        (sum, day) => sum + day.hours.available + day.hours.on_call + day.hours.wrap_up + day.hours.paused,
        0,
      ),
    ),
    billableHours: billable.length ? round(billable.reduce((sum, day) => sum + day.billableHours!, 0)) : null,
    gapMinutes: days.reduce((sum, day) => sum + day.gapMinutes, 0),
    expectedAmount: amounts.length
      ? round(
          amounts.reduce((sum, day) => sum + day.expectedAmount!, 0),
          2,
        )
      : null,
  };
}
