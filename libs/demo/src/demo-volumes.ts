import { DateTime } from 'luxon';

/**
 * Demo inbound volumes: calls per 30-minute interval with a daily shape (opening 9:00 to 20:30,
 * Paris time, a morning and an afternoon peak, a lunch dip), a weekly shape (Monday busiest,
 * Saturday light, Sunday closed) and Poisson-like noise from a seeded generator, so the same seed
 * gives the same year.
 */
const WEEKDAY_FACTOR = [0, 1.2, 1.05, 1, 1, 0.92, 0.35, 0]; // luxon weekday 1 = Monday
const ZONE = 'Europe/Paris';
const INTERVAL_MS = 30 * 60_000;

/** Share of the day's peak in the interval starting at local hour `hour` (9.5 = 09:30). */
export function dailyShape(hour: number): number {
  if (hour < 9 || hour >= 20.5) return 0;
  const morning = Math.exp(-(((hour - 10.75) / 1.3) ** 2));
  const afternoon = 0.85 * Math.exp(-(((hour - 15.5) / 2) ** 2));
  const lunch = hour >= 12.5 && hour < 14 ? 0.75 : 1;
  return Math.max(0.12, (morning + afternoon) * lunch);
}

/** A small seeded generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Calls per interval from local midnight of `firstDay` (YYYY-MM-DD, Paris) for `days` days; peak ≈ `peakCalls`. */
export function demoVolumes(
  firstDay: string,
  days: number,
  peakCalls: number,
  seed = 1,
): Array<{ start: number; calls: number }> {
  const random = seededRandom(seed);
  const first = DateTime.fromISO(firstDay, { zone: ZONE });
  const to = first.plus({ days }).toMillis();
  const volumes: Array<{ start: number; calls: number }> = [];
  for (let start = first.toMillis(); start < to; start += INTERVAL_MS) {
    const local = DateTime.fromMillis(start, { zone: ZONE });
    const mean = peakCalls * WEEKDAY_FACTOR[local.weekday] * dailyShape(local.hour + local.minute / 60);
    // Poisson noise by its normal approximation (Box–Muller), never negative
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const calls = mean > 0 ? Math.max(0, Math.round(mean + Math.sqrt(mean) * normal)) : 0;
    volumes.push({ start, calls });
  }
  return volumes;
}
