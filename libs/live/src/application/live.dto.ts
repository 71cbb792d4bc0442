import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches, ValidateIf } from 'class-validator';
import {
  LIVE_SCOPES,
  PAUSE_REASONS,
  SEAT_STATES,
  type LiveScope,
  type PauseReason,
  type SeatEventInput,
  type SeatState,
} from '#contracts';
import { type FieldProblem, isDateTime, validationFailed } from '#core';

export const MAX_SEAT_EVENTS_PER_BATCH = 5000;

/**
 * The body of `POST /sites/:id/seat-events`, for the OpenAPI document. At 10,000 events a
 * second class-validator (~50 µs per event) would be the api's main cost, so the route takes
 * the body as plain JSON and `parseSeatEvents` checks it (~1 µs per event) with the same
 * `validation_failed` answer.
 */
export class SeatEventDto {
  @ApiProperty({ format: 'uuid' })
  seatId: string;

  @ApiProperty({ enum: SEAT_STATES })
  state: SeatState;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the campaign the seat works on',
  })
  campaignId?: string | null;

  @ApiPropertyOptional({
    enum: PAUSE_REASONS,
    nullable: true,
    description: 'why the seat is paused (only with state paused); carried into the minute history',
  })
  pauseReason?: PauseReason | null;

  @ApiProperty({ format: 'date-time', description: 'when the seat entered this state' })
  at: string;
}

export class SeatEventsDto {
  @ApiProperty({ type: [SeatEventDto], minItems: 1, maxItems: MAX_SEAT_EVENTS_PER_BATCH })
  events: SeatEventDto[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATES = new Set<string>(SEAT_STATES);
const REASONS = new Set<string>(PAUSE_REASONS);
const FIELDS = new Set(['seatId', 'state', 'campaignId', 'pauseReason', 'at']);
const MAX_PROBLEMS = 20;

/** Checks a seat-event batch; throws `validation_failed` naming each bad field (at most 20). */
export function parseSeatEvents(body: unknown): SeatEventInput[] {
  const problems: FieldProblem[] = [];
  const events = (body as { events?: unknown } | null)?.events;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw validationFailed([{ field: 'body', problems: ['the body must be {"events": [...]}'] }]);
  for (const key of Object.keys(body))
    if (key !== 'events') problems.push({ field: key, problems: [`property ${key} should not exist`] });
  if (!Array.isArray(events) || events.length < 1 || events.length > MAX_SEAT_EVENTS_PER_BATCH)
    throw validationFailed([
      ...problems,
      {
        field: 'events',
        problems: [`events must be an array of 1 to ${MAX_SEAT_EVENTS_PER_BATCH} seat events`],
      },
    ]);
  for (let index = 0; index < events.length && problems.length < MAX_PROBLEMS; index++) {
    const event = events[index] as Record<string, unknown> | null;
    const field = `events.${index}`;
    if (!event || typeof event !== 'object' || Array.isArray(event)) {
      problems.push({
        field,
        problems: ['each event must be an object {seatId, state, campaignId?, pauseReason?, at}'],
      });
      continue;
    }
    const own: string[] = [];
    for (const key of Object.keys(event)) if (!FIELDS.has(key)) own.push(`property ${key} should not exist`);
    if (own.length) problems.push({ field, problems: own });
    if (typeof event.seatId !== 'string' || !UUID.test(event.seatId))
      problems.push({ field: `${field}.seatId`, problems: ['seatId must be a UUID'] });
    if (typeof event.state !== 'string' || !STATES.has(event.state))
      problems.push({
        field: `${field}.state`,
        problems: [`state must be one of ${SEAT_STATES.join(', ')}`],
      });
    if (
      event.campaignId !== undefined &&
      event.campaignId !== null &&
      (typeof event.campaignId !== 'string' || !UUID.test(event.campaignId))
    )
      problems.push({ field: `${field}.campaignId`, problems: ['campaignId must be a UUID or null'] });
    if (event.pauseReason !== undefined && event.pauseReason !== null) {
      if (typeof event.pauseReason !== 'string' || !REASONS.has(event.pauseReason))
        problems.push({
          field: `${field}.pauseReason`,
          problems: [`pauseReason must be one of ${PAUSE_REASONS.join(', ')}, or null`],
        });
      else if (event.state !== 'paused')
        problems.push({
          field: `${field}.pauseReason`,
          problems: ['pauseReason is only for state paused'],
        });
    }
    if (!isDateTime(event.at))
      problems.push({
        field: `${field}.at`,
        problems: ['at must be an ISO 8601 date-time, e.g. 2011-03-14T10:32:05.120Z'],
      });
  }
  if (problems.length) throw validationFailed(problems);
  return events as SeatEventInput[];
}

export class LiveScopeQuery {
  @ApiProperty({ enum: LIVE_SCOPES })
  @IsIn(LIVE_SCOPES)
  scope: LiveScope;

  @ApiPropertyOptional({ format: 'uuid', description: 'partner, site or campaign id (not for network)' })
  @ValidateIf((query: LiveScopeQuery) => query.scope !== 'network' || query.id !== undefined)
  @IsUUID()
  id?: string;
}

export class OccupancyQuery {
  @ApiPropertyOptional({
    example: '2011-03-14',
    description: "the site's local day, YYYY-MM-DD (default: today)",
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'date must be a real calendar date' })
  date?: string;
}
