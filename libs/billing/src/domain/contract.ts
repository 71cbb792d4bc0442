import {
  BILLABLE_STATES,
  type BillingContractView,
  type ContractRate,
  PAUSE_REASONS,
  type RateMonth,
} from '#contracts';
import { DateTime } from 'luxon';

/** A contract as the billing rules read it (the view is also the stored shape). */
export type Contract = BillingContractView;

interface Problem {
  field: string;
  message: string;
}

/** Problems of a contract before it is stored: dates, rates covering the contract, billable sets. */
export function contractProblems(contract: Omit<Contract, 'id' | 'createdAt'>): Problem[] {
  const problems: Problem[] = [];
  if (contract.validTo !== null && contract.validTo < contract.validFrom)
    problems.push({ field: 'validTo', message: 'must not be before validFrom' });
  if (contract.basis === 'seat_month' && !contract.contractedSeats)
    problems.push({
      field: 'contractedSeats',
      message: 'is required (a whole number > 0) for basis seat_month',
    });
  for (const state of contract.billableStates)
    if (!(BILLABLE_STATES as readonly string[]).includes(state))
      problems.push({
        field: 'billableStates',
        message: `${state} is not one of ${BILLABLE_STATES.join(', ')}`,
      });
  for (const reason of contract.billablePauseReasons)
    if (!(PAUSE_REASONS as readonly string[]).includes(reason))
      problems.push({
        field: 'billablePauseReasons',
        message: `${reason} is not one of ${PAUSE_REASONS.join(', ')}`,
      });
  if (!contract.billableStates.length)
    problems.push({ field: 'billableStates', message: 'name at least one billable state' });
  const rates = [...contract.rates].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  if (!rates.length) problems.push({ field: 'rates', message: 'give at least one rate' });
  rates.forEach((rate, index) => {
    if (rate.validTo !== null && rate.validTo < rate.validFrom)
      problems.push({ field: `rates.${index}.validTo`, message: 'must not be before validFrom' });
    const next = rates[index + 1];
    if (next && (rate.validTo === null || rate.validTo >= next.validFrom))
      problems.push({
        field: `rates.${index}`,
        message: `overlaps the rate from ${next.validFrom}: end it the day before`,
      });
  });
  if (rates.length && rates[0].validFrom > contract.validFrom)
    problems.push({
      field: 'rates',
      message: `no rate covers ${contract.validFrom}, the contract's first day`,
    });
  return problems;
}

/** Whether a contract is in force on a local day. */
export function inForce(contract: Pick<Contract, 'validFrom' | 'validTo'>, day: string): boolean {
  return contract.validFrom <= day && (contract.validTo === null || day <= contract.validTo);
}

/** The rate in force on a local day, if any. */
export function rateOn(contract: Contract, day: string): number | null {
  return contract.rates.find((rate) => inForce(rate, day))?.amount ?? null;
}

/** The contract billing a site on a day: the site's own, else its partner's. */
export function contractFor(contracts: Contract[], siteId: string, day: string): Contract | null {
  return (
    contracts.find((c) => c.siteId === siteId && inForce(c, day)) ??
    contracts.find((c) => c.siteId === null && inForce(c, day)) ??
    null
  );
}

/** Whether two date spans (inclusive, null = open-ended) share a day. */
export function spansOverlap(
  a: Pick<Contract, 'validFrom' | 'validTo'>,
  b: Pick<Contract, 'validFrom' | 'validTo'>,
): boolean {
  return (a.validTo === null || b.validFrom <= a.validTo) && (b.validTo === null || a.validFrom <= b.validTo);
}

/** The rate table by month: for each month from..to (YYYY-MM), the rates in force, clipped to it. */
export function rateTable(contract: Contract, from: string, to: string): RateMonth[] {
  const months: RateMonth[] = [];
  for (
    let month = DateTime.fromISO(`${from}-01`);
    month.toFormat('yyyy-MM') <= to;
    month = month.plus({ months: 1 })
  ) {
    const first = month.toISODate()!;
    const last = month.endOf('month').toISODate()!;
    const rates: ContractRate[] = contract.rates
      .filter((rate) => spansOverlap(rate, { validFrom: first, validTo: last }))
      .map((rate) => ({
        validFrom: rate.validFrom < first ? first : rate.validFrom,
        validTo: rate.validTo === null || rate.validTo > last ? last : rate.validTo,
        amount: rate.amount,
      }));
    months.push({ month: month.toFormat('yyyy-MM'), currency: contract.currency, rates });
    if (months.length > 120) break;
  }
  return months;
}
