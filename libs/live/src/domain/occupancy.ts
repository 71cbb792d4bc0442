import { SEAT_STATES, type OccupancyFigures, type SeatState, type SeatStateCounts } from '#contracts';

export function emptyCounts(): SeatStateCounts {
  return { offline: 0, available: 0, on_call: 0, wrap_up: 0, paused: 0 };
}

/** Seats that are not reported in any state count as offline. */
export function figuresOf(
  reported: Partial<Record<SeatState, number>>,
  seats: number,
  installedSeats: number,
  headcount: number | null,
): OccupancyFigures {
  const counts = emptyCounts();
  let online = 0;
  for (const state of SEAT_STATES) {
    if (state === 'offline') continue;
    counts[state] = Math.max(0, reported[state] ?? 0);
    online += counts[state];
  }
  counts.offline = Math.max(0, seats - online);
  return {
    seats: Math.max(seats, online),
    installedSeats,
    counts,
    staffed: online,
    occupancy: occupancyOf(counts),
    headcount,
  };
}

/** Time handling calls over time able to handle them: (on_call + wrap_up) / (on_call + wrap_up + available). */
export function occupancyOf(counts: SeatStateCounts): number | null {
  const busy = counts.on_call + counts.wrap_up;
  const able = busy + counts.available;
  return able ? Math.round((busy / able) * 10_000) / 10_000 : null;
}

/** The figures of several sites together (a partner, a campaign, the network). */
export function sumFigures(parts: OccupancyFigures[]): OccupancyFigures {
  const counts = emptyCounts();
  let seats = 0;
  let installedSeats = 0;
  let headcount: number | null = null;
  for (const part of parts) {
    for (const state of SEAT_STATES) counts[state] += part.counts[state];
    seats += part.seats;
    installedSeats += part.installedSeats;
    if (part.headcount !== null) headcount = (headcount ?? 0) + part.headcount;
  }
  const staffed = seats - counts.offline;
  return { seats, installedSeats, counts, staffed, occupancy: occupancyOf(counts), headcount };
}

export function isSeatState(value: unknown): value is SeatState {
  return typeof value === 'string' && (SEAT_STATES as readonly string[]).includes(value);
}
