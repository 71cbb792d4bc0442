import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { QueueSpec, QueueVolume } from '../domain/capacity-plan.js';
import type { StaffingTarget } from '../domain/queueing.js';

/** A queue as written: everything but the id. */
export type QueueDraft = Omit<QueueSpec, 'id'>;

interface QueueRow {
  id: string;
  name: string;
  aht_seconds: number;
  patience_seconds: number | null;
  target_kind: StaffingTarget['kind'];
  target_seconds: number | null;
  target_level: number | null;
  target_rate: number | null;
  max_occupancy: number;
  sites: Array<{ siteId: string; share: number }> | null;
}

/** Planning's tables (planning_queue, planning_queue_site, planning_volume): the only code that queries them. */
@Injectable()
export class PlanningStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a queue with its split; null when the name is taken. */
  async createQueue(draft: QueueDraft): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      const target = draft.target;
      const rows: Array<{ id: string }> = await manager.query(
        `INSERT INTO planning_queue (name, aht_seconds, patience_seconds, target_kind, target_seconds,
                                     target_level, target_rate, max_occupancy)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (name) DO NOTHING
         RETURNING id`,
        [
          draft.name,
          draft.ahtSeconds,
          draft.patienceSeconds,
          target.kind,
          target.kind === 'abandonment' ? null : target.seconds,
          target.kind === 'service_level' ? target.level : null,
          target.kind === 'abandonment' ? target.rate : null,
          draft.maxOccupancy,
        ],
      );
      if (!rows.length) return null;
      const id = rows[0].id;
      await manager.query(
        `INSERT INTO planning_queue_site (queue_id, site_id, share)
         SELECT $1, site_id, share FROM unnest($2::uuid[], $3::float8[]) AS s (site_id, share)`,
        [id, draft.sites.map((site) => site.siteId), draft.sites.map((site) => site.share)],
      );
      return id;
    });
  }

  async queues(ids?: string[]): Promise<QueueSpec[]> {
    const rows: QueueRow[] = await this.dataSource.query(
      `SELECT q.*,
              (SELECT json_agg(json_build_object('siteId', s.site_id, 'share', s.share) ORDER BY s.site_id)
               FROM planning_queue_site s WHERE s.queue_id = q.id) AS sites
       FROM planning_queue q
       WHERE $1::uuid[] IS NULL OR q.id = ANY($1::uuid[])
       ORDER BY q.name`,
      [ids ?? null],
    );
    return rows.map(queueOf);
  }

  /** Writes interval volumes, replacing those already stored for the same intervals. */
  async putVolumes(queueId: string, volumes: Array<{ start: number; calls: number }>): Promise<number> {
    if (!volumes.length) return 0;
    await this.dataSource.query(
      `INSERT INTO planning_volume (queue_id, interval_start, calls)
       SELECT $1, to_timestamp(start / 1000.0), calls FROM unnest($2::float8[], $3::int[]) AS v (start, calls)
       ON CONFLICT (queue_id, interval_start) DO UPDATE SET calls = EXCLUDED.calls`,
      [queueId, volumes.map((v) => v.start), volumes.map((v) => v.calls)],
    );
    return volumes.length;
  }

  /** Volumes of the queues with intervals starting in [from, to), in time order. */
  async volumes(queueIds: string[], from: number, to: number): Promise<QueueVolume[]> {
    if (!queueIds.length) return [];
    const rows: Array<{ queue_id: string; start: string; calls: number }> = await this.dataSource.query(
      `SELECT queue_id, (extract(epoch FROM interval_start) * 1000)::float8 AS start, calls
       FROM planning_volume
       WHERE queue_id = ANY($1::uuid[]) AND interval_start >= to_timestamp($2 / 1000.0)
         AND interval_start < to_timestamp($3 / 1000.0)
       ORDER BY queue_id, interval_start`,
      [queueIds, from, to],
    );
    return rows.map((row) => ({ queueId: row.queue_id, start: Number(row.start), calls: row.calls }));
  }
}

function queueOf(row: QueueRow): QueueSpec {
  return {
    id: row.id,
    name: row.name,
    ahtSeconds: row.aht_seconds,
    patienceSeconds: row.patience_seconds,
    target: targetOf(row),
    maxOccupancy: row.max_occupancy,
    sites: row.sites ?? [],
  };
}

function targetOf(row: QueueRow): StaffingTarget {
  switch (row.target_kind) {
    case 'service_level':
      return { kind: 'service_level', seconds: row.target_seconds!, level: row.target_level! };
    case 'asa':
      return { kind: 'asa', seconds: row.target_seconds! };
    case 'abandonment':
      return { kind: 'abandonment', rate: row.target_rate! };
  }
}
