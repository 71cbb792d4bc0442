import { Injectable } from '@nestjs/common';
import type { ExchangeRateView } from '#contracts';
import { BillingStore } from '../billing.store.js';
import { BillingError } from '../domain/billing.error.js';
import { rateKey } from '../domain/exchange.js';
import type { ExchangeRateDto, ExchangeRateQuery } from './billing.dto.js';

/**
 * Monthly exchange rates to euros (MAD→EUR), entered by managers and admins: one current rate per
 * currency and month, a correction stored as its next version (the audit trail records each write).
 */
@Injectable()
export class ExchangeRatesService {
  constructor(private readonly store: BillingStore) {}

  async enter(by: string, dto: ExchangeRateDto): Promise<ExchangeRateView> {
    await this.store.saveExchangeRate(
      {
        currency: dto.currency,
        month: dto.month,
        eurPerUnit: dto.eurPerUnit,
        note: dto.note?.trim() || null,
      },
      by,
    );
    const [current] = await this.store.exchangeRates({ currency: dto.currency, months: [dto.month] });
    return current;
  }

  list(query: ExchangeRateQuery): Promise<ExchangeRateView[]> {
    if (query.from && query.to && query.to < query.from)
      throw BillingError.invalidPeriod('to', query.to, `a month from ${query.from} on`);
    return this.store.exchangeRates(query, query.versions === 'all');
  }

  /** The current rate of each currency in each of the months, keyed by rateKey. */
  async current(months: string[]): Promise<Map<string, number>> {
    const rates = await this.store.exchangeRates({ months });
    return new Map(rates.map((rate) => [rateKey(rate.currency, rate.month), rate.eurPerUnit]));
  }
}
