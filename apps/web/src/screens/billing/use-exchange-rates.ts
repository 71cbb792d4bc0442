import { type FormEvent, useState } from 'react';
import type { ExchangeRateView } from '@contracts';
import { api, query } from '../../lib/api';
import { useResource } from '../../lib/use-resource';

/** The MAD→EUR rates of the month's year, and the rate a manager types for the month (a comma allowed). */
export function useExchangeRates(month: string) {
  const year = month.slice(0, 4);
  const rates = useResource(
    () =>
      api<ExchangeRateView[]>(`/billing/exchange-rates${query({ from: `${year}-01`, to: `${year}-12` })}`),
    [year],
  );
  const [rate, setRate] = useState('');
  const [failure, setFailure] = useState<Error | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      const eurPerUnit = Number(rate.trim().replace(',', '.'));
      await api('/billing/exchange-rates', {
        method: 'PUT',
        json: { currency: 'MAD', month, eurPerUnit: Number.isFinite(eurPerUnit) ? eurPerUnit : rate },
      });
      setRate('');
      rates.reload();
    } catch (error) {
      setFailure(error as Error);
    }
  };

  return { year, rates, rate, setRate, failure, save };
}
