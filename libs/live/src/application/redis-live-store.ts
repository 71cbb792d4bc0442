import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { PauseReason, SeatState } from '#contracts';
import {
  AppliedChange,
  ApplyResult,
  decodeSeat,
  LiveStore,
  SeatEvent,
  SeatRecord,
  SiteCounters,
} from './live-store.js';

/**
 * KEYS: seats hash, counters hash, sites set. ARGV: campaign key prefix, site id, received-at,
 * mode ('apply' | 'restore'), then seatId, state, campaignId, at, since, pauseReason per event. Applies in
 * order, ignores events older than the seat's last, moves per-site and per-campaign counters.
 * Returns {ignored, seq, then per applied event: index, since, previous campaign, state and pause reason}.
 */
const APPLY_SCRIPT = `
local seats, counters, sites = KEYS[1], KEYS[2], KEYS[3]
local campaignPrefix, siteId, receivedAt, mode = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local ignored, out, index = 0, {}, 0
for i = 5, #ARGV, 6 do
  index = index + 1
  local seat, state, campaign, at, since = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3]), tonumber(ARGV[i + 4])
  local current = redis.call('HGET', seats, seat)
  local pState, pCampaign, pAt, pSince, pReason = nil, '', nil, nil, ''
  if current then
    local a, b, c, d, e = string.match(current, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|?([^|]*)$')
    pState, pCampaign, pAt, pSince, pReason = a, b, tonumber(c), tonumber(d), e
  end
  if pAt and at < pAt then
    ignored = ignored + 1
  else
    if pState == state then since = math.min(since, pSince) end
    redis.call('HSET', seats, seat, state .. '|' .. campaign .. '|' .. ARGV[i + 3] .. '|' .. string.format('%d', since) .. '|' .. ARGV[i + 5])
    if pState then
      redis.call('HINCRBY', counters, pState, -1)
      if pCampaign ~= '' then redis.call('HINCRBY', campaignPrefix .. pCampaign, siteId .. '|' .. pState, -1) end
    end
    redis.call('HINCRBY', counters, state, 1)
    if campaign ~= '' then redis.call('HINCRBY', campaignPrefix .. campaign, siteId .. '|' .. state, 1) end
    table.insert(out, index)
    table.insert(out, string.format('%d', since))
    table.insert(out, pCampaign)
    table.insert(out, pState or '')
    table.insert(out, pReason or '')
  end
end
local seq = tonumber(redis.call('HGET', counters, '#seq') or '0')
if #out > 0 then seq = redis.call('HINCRBY', counters, '#seq', 1) end
if mode == 'apply' then redis.call('HSET', counters, '#last', receivedAt) end
redis.call('SADD', sites, siteId)
return {ignored, seq, out}
`;

const SEQ = '#seq';
const LAST = '#last';

/** Production: live state in Redis hashes, one atomic script per batch, shared by every node. */
export class RedisLiveStore extends LiveStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    super();
    redis.defineCommand('plateauLiveApply', { numberOfKeys: 3, lua: APPLY_SCRIPT });
  }

  private key = {
    seats: (siteId: string) => `${this.prefix}:seats:${siteId}`,
    counters: (siteId: string) => `${this.prefix}:counters:${siteId}`,
    campaign: (campaignId: string) => `${this.prefix}:campaign:${campaignId}`,
    sites: () => `${this.prefix}:sites`,
    headcount: () => `${this.prefix}:headcount`,
    epoch: () => `${this.prefix}:epoch`,
    filled: () => `${this.prefix}:filled`,
  };

  /**
   * Shared by every node on this Redis: set once (SET NX), read on each snapshot and delta, so a
   * flushed Redis (every seq back to 0) is a new epoch too.
   */
  async epoch(): Promise<string> {
    const candidate = randomUUID();
    const held = await this.redis.set(this.key.epoch(), candidate, 'NX', 'GET');
    return held ?? candidate;
  }

  apply(siteId: string, events: SeatEvent[], receivedAt: number): Promise<ApplyResult> {
    return this.run(
      siteId,
      events.map((event) => ({ ...event, since: event.at })),
      receivedAt,
      'apply',
    );
  }

  async siteCounters(siteIds: string[]): Promise<Map<string, SiteCounters>> {
    const pipeline = this.redis.pipeline();
    for (const id of siteIds) pipeline.hgetall(this.key.counters(id));
    const replies = (await pipeline.exec()) ?? [];
    const result = new Map<string, SiteCounters>();
    siteIds.forEach((id, index) => {
      const hash = (replies[index]?.[1] ?? {}) as Record<string, string>;
      const counts: Partial<Record<SeatState, number>> = {};
      for (const [field, value] of Object.entries(hash))
        if (!field.startsWith('#')) counts[field as SeatState] = Number(value);
      result.set(id, {
        counts,
        seq: Number(hash[SEQ] ?? 0),
        lastEventAt: hash[LAST] ? Number(hash[LAST]) : null,
      });
    });
    return result;
  }

  async campaignCounters(campaignId: string): Promise<Map<string, Partial<Record<SeatState, number>>>> {
    const hash = await this.redis.hgetall(this.key.campaign(campaignId));
    const result = new Map<string, Partial<Record<SeatState, number>>>();
    for (const [field, value] of Object.entries(hash)) {
      const [siteId, state] = field.split('|');
      const counts = result.get(siteId) ?? {};
      counts[state as SeatState] = Number(value);
      result.set(siteId, counts);
    }
    return result;
  }

  async seats(siteId: string): Promise<Map<string, SeatRecord>> {
    const hash = await this.redis.hgetall(this.key.seats(siteId));
    return new Map(Object.entries(hash).map(([seatId, value]) => [seatId, decodeSeat(value)]));
  }

  async setHeadcount(siteId: string, headcount: number): Promise<void> {
    await this.redis.hset(this.key.headcount(), siteId, String(headcount));
  }

  async headcounts(siteIds: string[]): Promise<Map<string, number>> {
    if (!siteIds.length) return new Map();
    const values = await this.redis.hmget(this.key.headcount(), ...siteIds);
    return new Map(
      siteIds.flatMap((id, index) =>
        values[index] === null ? [] : [[id, Number(values[index])] as [string, number]],
      ),
    );
  }

  siteIds(): Promise<string[]> {
    return this.redis.smembers(this.key.sites());
  }

  /** SET NX of a marker key: gone with the rest when Redis restarts empty, so the next check claims it. */
  async claimFill(): Promise<boolean> {
    return (await this.redis.set(this.key.filled(), new Date().toISOString(), 'NX')) === 'OK';
  }

  async releaseFill(): Promise<void> {
    await this.redis.del(this.key.filled());
  }

  async restore(siteId: string, seats: Array<SeatRecord & { seatId: string }>): Promise<void> {
    await this.run(siteId, seats, 0, 'restore');
  }

  private async run(
    siteId: string,
    events: Array<SeatEvent & { since: number }>,
    receivedAt: number,
    mode: 'apply' | 'restore',
  ): Promise<ApplyResult> {
    const args: string[] = [`${this.prefix}:campaign:`, siteId, String(receivedAt), mode];
    for (const event of events)
      args.push(
        event.seatId,
        event.state,
        event.campaignId ?? '',
        String(event.at),
        String(event.since),
        event.pauseReason ?? '',
      );
    const [ignored, seq, out] = (await (
      this.redis as unknown as { plateauLiveApply(...args: string[]): Promise<[number, number, string[]]> }
    ).plateauLiveApply(this.key.seats(siteId), this.key.counters(siteId), this.key.sites(), ...args)) ?? [
      0,
      0,
      [],
    ];
    const applied: AppliedChange[] = [];
    for (let i = 0; i < out.length; i += 5) {
      const event = events[Number(out[i]) - 1];
      applied.push({
        seatId: event.seatId,
        state: event.state,
        campaignId: event.campaignId,
        pauseReason: event.pauseReason ?? null,
        at: event.at,
        since: Number(out[i + 1]),
        previousCampaignId: out[i + 2] || null,
        previousState: (out[i + 3] || null) as SeatState | null,
        previousPauseReason: (out[i + 4] || null) as PauseReason | null,
      });
    }
    return { applied, ignored: Number(ignored), seq: Number(seq) };
  }
}
