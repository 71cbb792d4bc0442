import type { Currency } from '#contracts';

/** An amount in one currency, billed for days of one month (YYYY-MM). */
export interface MonthAmount {
  month: string;
  currency: Currency;
  amount: number;
}

export const rateKey = (currency: string, month: string) => `${currency}:${month}`;

/**
 * A sum of amounts in euros: euros as they are, another currency at its month's rate (euros per
 * unit, keyed by rateKey). Null, with the months lacking a rate, when any month has none: never
 * a partial sum, never another month's rate.
 */
export function inEuros(
  amounts: readonly MonthAmount[],
  rates: ReadonlyMap<string, number>,
): { eur: number | null; missing: string[] } {
  let eur = 0;
  const missing = new Set<string>();
  for (const { month, currency, amount } of amounts) {
    if (currency === 'EUR') eur += amount;
    else {
      const rate = rates.get(rateKey(currency, month));
      if (rate === undefined) missing.add(`${currency}→EUR for ${month}`);
      else eur += amount * rate;
    }
  }
  return missing.size
    ? { eur: null, missing: [...missing] }
    : { eur: Math.round(eur * 100) / 100, missing: [] };
}
