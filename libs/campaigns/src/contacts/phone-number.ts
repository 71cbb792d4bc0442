import { getCountryCallingCode, parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';
import { type ConsumerRegion, isConsumerRegion, zoneOfRegion } from '../compliance/consumer-regions.js';

export interface NormalisedPhone {
  /** E.164 */
  e164: string;
  region: ConsumerRegion;
  timeZone: string;
  /** the number tells where the consumer lives (an overseas or a geographic number), not only a mobile's country */
  located: boolean;
}

export type PhoneProblem =
  | 'missing_phone'
  | 'invalid_phone'
  | 'not_a_french_consumer_number'
  /** premium-rate, toll-free, shared-cost, VoIP, personal or machine numbers: not a consumer's line */
  | 'not_a_consumer_line';

const SEPARATORS = /[\s.\-()/]/g;
/** a French number in national form (0…), or international form (+33, 0033) */
const NATIONAL = /^(?:\+33|0033|0)([1-9]\d{8})$/;
/**
 * The national numbers ARCEP gave the overseas departments (0262, 0263, 0269, 0590, 0594, 0596,
 * 0639, 0690–0697): written in the national format they belong to their territory, whose calling
 * code and metadata libphonenumber knows (it reads them as mainland numbers otherwise).
 */
export const OVERSEAS_NATIONAL = /^(?:26[239]|59[046]|639|69[0-46-7])/;
const OVERSEAS_REGIONS: ConsumerRegion[] = ['RE', 'YT', 'GP', 'BL', 'MF', 'GF', 'MQ'];
const OVERSEAS_CODES = [...new Set(OVERSEAS_REGIONS.map((region) => getCountryCallingCode(region)))];
/** Lines that reach a consumer: mobile and geographic numbers only. */
const CONSUMER_LINES = new Set(['MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE']);

/**
 * The one normalisation of consumers' numbers (imports and the opposition list alike): E.164 with
 * libphonenumber-js (default region FR), keeping only mobile and geographic lines of the consumers
 * French rules protect, metropolitan France and the overseas territories, each on its own clock.
 *
 * Speed: imports run to millions of rows, and libphonenumber's validation and typing of a
 * metropolitan number depend only on the first digits of the national number. So metropolitan
 * numbers are parsed by a regular expression and the library's verdict is remembered per 4-digit
 * prefix; overseas and every other form go through the library.
 */
export class PhoneNormaliser {
  private readonly metropolitanVerdict = new Map<string, PhoneProblem | { located: boolean }>();

  normalise(raw: string | undefined): NormalisedPhone | PhoneProblem {
    const trimmed = raw?.trim();
    if (!trimmed) return 'missing_phone';
    const national = NATIONAL.exec(trimmed.replace(SEPARATORS, ''));
    if (national && OVERSEAS_NATIONAL.test(national[1])) return this.overseas(national[1]);
    if (national) return this.metropolitan(national[1]);
    return this.general(trimmed);
  }

  private metropolitan(national: string): NormalisedPhone | PhoneProblem {
    const prefix = national.slice(0, 4);
    let verdict = this.metropolitanVerdict.get(prefix);
    if (verdict === undefined) {
      const parsed = parsePhoneNumberFromString(`+33${national}`);
      verdict =
        !parsed || !parsed.isValid() || parsed.country !== 'FR'
          ? 'invalid_phone'
          : (lineProblem(parsed) ?? { located: parsed.getType() === 'FIXED_LINE' });
      this.metropolitanVerdict.set(prefix, verdict);
    }
    if (typeof verdict === 'string') return verdict;
    return { e164: `+33${national}`, region: 'FR', timeZone: zoneOfRegion('FR'), located: verdict.located };
  }

  private overseas(national: string): NormalisedPhone | PhoneProblem {
    for (const code of OVERSEAS_CODES) {
      const parsed = parsePhoneNumberFromString(`+${code}${national}`);
      if (parsed?.isValid() && isConsumerRegion(parsed.country))
        return consumerNumber(parsed, parsed.country);
    }
    return 'invalid_phone';
  }

  private general(raw: string): NormalisedPhone | PhoneProblem {
    const parsed = parsePhoneNumberFromString(raw, 'FR');
    if (!parsed || !parsed.isValid()) return 'invalid_phone';
    const region = parsed.country;
    if (!isConsumerRegion(region)) return 'not_a_french_consumer_number';
    return consumerNumber(parsed, region);
  }
}

function lineProblem(parsed: PhoneNumber): PhoneProblem | null {
  return CONSUMER_LINES.has(parsed.getType() ?? '') ? null : 'not_a_consumer_line';
}

function consumerNumber(parsed: PhoneNumber, region: ConsumerRegion): NormalisedPhone | PhoneProblem {
  return (
    lineProblem(parsed) ?? {
      e164: parsed.number,
      region,
      timeZone: zoneOfRegion(region),
      located: region !== 'FR' || parsed.getType() === 'FIXED_LINE',
    }
  );
}
