/**
 * Port: staffed seat-hours of a site in a window, from the seat-state history. The live context
 * (above campaigns in the context map) provides it; campaigns looks it up in the running app and
 * does without it (hours unknown) where live is not loaded.
 */
export abstract class SeatHoursReader {
  /** hours of the site's seats in any state but offline, in [from, to) */
  abstract staffedHours(siteId: string, from: Date, to: Date): Promise<number>;
}
