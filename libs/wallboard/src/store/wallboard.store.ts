import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WallLayout, WallShareView } from '#contracts';

/** the campaign id of seat-minutes of seats working on no campaign */
export const NO_CAMPAIGN = '00000000-0000-0000-0000-000000000000';

/** Seat-minutes of one site and campaign (NO_CAMPAIGN: none) sampled in one minute. */
export interface SeatMinuteRow {
  siteId: string;
  campaignId: string;
  minute: number;
  onCall: number;
  wrapUp: number;
  available: number;
  staffed: number;
}

export interface StoredWall {
  userId: string;
  layout: WallLayout;
  /** the owner's scope when the wall was saved: what its share links may read */
  partnerId: string | null;
  siteIds: string[] | null;
  updatedAt: Date;
}

interface ShareRow {
  id: string;
  label: string;
  created_at: Date;
  revoked_at: Date | null;
}

const shareView = (row: ShareRow): WallShareView => ({
  id: row.id,
  label: row.label,
  createdAt: new Date(row.created_at).toISOString(),
  revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
});

const wallOf = (row: Record<string, unknown>): StoredWall => ({
  userId: row.user_id as string,
  layout: row.layout as WallLayout,
  partnerId: (row.partner_id as string | null) ?? null,
  siteIds: (row.site_ids as string[] | null) ?? null,
  updatedAt: new Date(row.updated_at as Date),
});

/** The wallboard context's tables: seat-minutes by site and campaign, walls and their share links. */
@Injectable()
export class WallboardStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes one minute's samples (rewritten if the minute is sampled again). */
  async saveSeatMinutes(minute: Date, rows: Omit<SeatMinuteRow, 'minute'>[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // two samples of one minute at once (a scheduled rollup and a retried one, two workers) take
      // turns: the later replaces the earlier instead of failing on the other's uncommitted rows
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('activity_seat_minute:' || $1))`, [
        minute.toISOString(),
      ]);
      await manager.query(`DELETE FROM activity_seat_minute WHERE minute = $1`, [minute]);
      if (!rows.length) return;
      await manager.query(
        `INSERT INTO activity_seat_minute (minute, site_id, campaign_id, on_call, wrap_up, available, staffed)
         SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::int[], $7::int[])`,
        [
          minute,
          rows.map((row) => row.siteId),
          rows.map((row) => row.campaignId),
          rows.map((row) => row.onCall),
          rows.map((row) => row.wrapUp),
          rows.map((row) => row.available),
          rows.map((row) => row.staffed),
        ],
      );
    });
  }

  async seatMinutes(ranges: Array<[Date, Date]>): Promise<SeatMinuteRow[]> {
    const rows: Array<Record<string, string | number | Date>> = await this.dataSource.query(
      `SELECT m.site_id, m.campaign_id, m.minute, m.on_call, m.wrap_up, m.available, m.staffed
         FROM activity_seat_minute m
         JOIN unnest($1::timestamptz[], $2::timestamptz[]) AS r(f, t) ON m.minute >= r.f AND m.minute < r.t`,
      [ranges.map(([from]) => from), ranges.map(([, to]) => to)],
    );
    return rows.map((row) => ({
      siteId: row.site_id as string,
      campaignId: row.campaign_id as string,
      minute: new Date(row.minute as Date).getTime(),
      onCall: Number(row.on_call),
      wrapUp: Number(row.wrap_up),
      available: Number(row.available),
      staffed: Number(row.staffed),
    }));
  }

  async wall(userId: string): Promise<StoredWall | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM wall WHERE user_id = $1`, [userId]);
    return row ? wallOf(row) : null;
  }

  async saveWall(wall: StoredWall): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO wall (user_id, layout, partner_id, site_ids, updated_at) VALUES ($1, $2::jsonb, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET layout = EXCLUDED.layout, partner_id = EXCLUDED.partner_id,
         site_ids = EXCLUDED.site_ids, updated_at = EXCLUDED.updated_at`,
      [wall.userId, JSON.stringify(wall.layout), wall.partnerId, wall.siteIds, wall.updatedAt],
    );
  }

  /** Every wall with at least one tile threshold (for the threshold sweep). */
  async wallsWithThresholds(): Promise<StoredWall[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM wall w WHERE EXISTS (
         SELECT FROM jsonb_array_elements(w.layout -> 'tiles') t WHERE jsonb_array_length(coalesce(t -> 'thresholds', '[]')) > 0)`,
    );
    return rows.map(wallOf);
  }

  async createShare(userId: string, tokenHash: string, label: string, at: Date): Promise<WallShareView> {
    const [row]: ShareRow[] = await this.dataSource.query(
      `INSERT INTO wall_share (user_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4)
       RETURNING id, label, created_at, revoked_at`,
      [userId, tokenHash, label, at],
    );
    return shareView(row);
  }

  async shares(userId: string): Promise<WallShareView[]> {
    const rows: ShareRow[] = await this.dataSource.query(
      `SELECT id, label, created_at, revoked_at FROM wall_share WHERE user_id = $1 ORDER BY created_at, id`,
      [userId],
    );
    return rows.map(shareView);
  }

  /** Revokes the user's share link; null when the user has no such link. */
  async revokeShare(userId: string, id: string, at: Date): Promise<WallShareView | null> {
    // an UPDATE answers [rows, count]
    const [[row]]: [ShareRow[], number] = await this.dataSource.query(
      `UPDATE wall_share SET revoked_at = coalesce(revoked_at, $3) WHERE id = $1 AND user_id = $2
       RETURNING id, label, created_at, revoked_at`,
      [id, userId, at],
    );
    return row ? shareView(row) : null;
  }

  /** The link a live (unrevoked) token hash opens, and the wall it reads. */
  async linkOf(tokenHash: string): Promise<{ shareId: string; wall: StoredWall } | null> {
    const [row] = await this.dataSource.query(
      `SELECT w.*, s.id AS share_id FROM wall_share s JOIN wall w ON w.user_id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL`,
      [tokenHash],
    );
    return row ? { shareId: row.share_id as string, wall: wallOf(row) } : null;
  }

  /** Every wall with at least one live (unrevoked) share link. */
  async sharedWalls(): Promise<StoredWall[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM wall w
        WHERE EXISTS (SELECT FROM wall_share s WHERE s.user_id = w.user_id AND s.revoked_at IS NULL)`,
    );
    return rows.map(wallOf);
  }
}
