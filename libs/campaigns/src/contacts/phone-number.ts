import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { type ConsumerRegion, isConsumerRegion, zoneOfRegion } from '../compliance/consumer-regions.js';

export interface NormalisedPhone {
  /** E.164 */
  e164: string;
  region: ConsumerRegion;
  timeZone: string;
}

export type PhoneProblem = 'missing_phone' | 'invalid_phone' | 'not_a_french_consumer_number';

const SEPARATORS = /[\s.\-()/]/g;
const METROPOLITAN = /^(?:\+33|0033|0)([1-9]\d{8})$/;

/**
 * Normalises a phone number to E.164 with libphonenumber-js (default region FR), and keeps only
 * consumers French rules protect: metropolitan France and the overseas departments.
 *
 * Speed: imports run to millions of rows, and libphonenumber's validation of a +33 number
 * depends only on the first digits of the national number (its FR patterns are a short prefix
 * followed by any digits). So metropolitan numbers are parsed by a regular expression and the
 * library's verdict is remembered per 4-digit prefix; every other form goes through the library.
 */
export class PhoneNormaliser {
  private readonly metropolitanValidity = new Map<string, boolean>();

  normalise(raw: string | undefined): NormalisedPhone | PhoneProblem {
    const trimmed = raw?.trim();
    if (!trimmed) return 'missing_phone';
    const metropolitan = METROPOLITAN.exec(trimmed.replace(SEPARATORS, ''));
    if (metropolitan) return this.metropolitan(metropolitan[1]);
    return this.general(trimmed);
  }

  private metropolitan(national: string): NormalisedPhone | PhoneProblem {
    const prefix = national.slice(0, 4);
    let valid = this.metropolitanValidity.get(prefix);
    if (valid === undefined) {
      const parsed = parsePhoneNumberFromString(`+33${national}`);
      valid = !!parsed && parsed.isValid() && parsed.country === 'FR';
      this.metropolitanValidity.set(prefix, valid);
    }
    return valid ? { e164: `+33${national}`, region: 'FR', timeZone: zoneOfRegion('FR') } : 'invalid_phone';
  }

  private general(raw: string): NormalisedPhone | PhoneProblem {
    const parsed = parsePhoneNumberFromString(raw, 'FR');
    if (!parsed || !parsed.isValid()) return 'invalid_phone';
    const region = parsed.country;
    if (!isConsumerRegion(region)) return 'not_a_french_consumer_number';
    return { e164: parsed.number, region, timeZone: zoneOfRegion(region) };
  }
}
