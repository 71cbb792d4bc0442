import type { Contract } from './contract.js';

/**
 * Checks an invoice line against what the history says: flagged when there is no contract or no
 * delivered figure to check it against, when its currency is not the contract's, or when
 * |amount - expected| exceeds the contract's tolerance x expected.
 */
export function checkInvoiceLine(
  line: { amount: number; hours: number; currency: string },
  contract: Contract | null,
  expected: { amount: number | null; billableHours: number | null },
): { difference: number | null; flagged: boolean; flagReason: string | null } {
  const expectedAmount = expected.amount;
  if (!contract)
    return { difference: null, flagged: true, flagReason: 'no contract covers this site and period' };
  if (line.currency !== contract.currency)
    return {
      difference: null,
      flagged: true,
      flagReason: `billed in ${line.currency}, the contract is in ${contract.currency}`,
    };
  if (expectedAmount === null)
    return { difference: null, flagged: true, flagReason: 'no rate in force for this period' };
  const difference = Math.round((line.amount - expectedAmount) * 100) / 100;
  const allowed = Math.abs(expectedAmount) * contract.sla.invoiceTolerance;
  const tolerance = `${(contract.sla.invoiceTolerance * 100).toFixed(1)}%`;
  if (Math.abs(difference) > allowed + 0.005)
    return {
      difference,
      flagged: true,
      flagReason: `amount differs from the expected ${expectedAmount.toFixed(2)} ${contract.currency} by more than ${tolerance}`,
    };
  const hours = expected.billableHours ?? 0;
  if (
    contract.basis === 'productive_hour' &&
    Math.abs(line.hours - hours) > hours * contract.sla.invoiceTolerance + 0.005
  )
    return {
      difference,
      flagged: true,
      flagReason: `hours differ from the ${hours.toFixed(2)} billable hours delivered by more than ${tolerance}`,
    };
  return { difference, flagged: false, flagReason: null };
}
