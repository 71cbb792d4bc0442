import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse';
import type { PlanningQueueView, PlanningTarget, VolumePointView, VolumesResult } from '#contracts';
import { readCsvHead, type SiteScope, UNRESTRICTED } from '#core';
import { SiteQuery, SitesService } from '#network';
import { INTERVAL_MS, type QueueSpec } from '../domain/capacity-plan.js';
import { PlanningError, type VolumeProblem } from '../domain/planning.error.js';
import type { StaffingTarget } from '../domain/queueing.js';
import { PlanningStore } from '../store/planning.store.js';
import { PlanningEvents } from './planning-events.js';
import { CreateQueueDto, MAX_VOLUME_ROWS, PutVolumesDto, TargetDto } from './planning.dto.js';

/** Inbound queues (handle time, patience, goal, today's split across sites) and their 30-minute volumes. */
@Injectable()
export class PlanningQueuesService {
  constructor(
    private readonly store: PlanningStore,
    private readonly sites: SitesService,
    private readonly events: PlanningEvents,
  ) {}

  async create(command: CreateQueueDto): Promise<PlanningQueueView> {
    const target = targetOf(command.target);
    const siteIds = new Set(command.sites.map((site) => site.siteId));
    if (siteIds.size !== command.sites.length)
      throw PlanningError.invalidSplit('A site appears twice in the split.');
    const total = command.sites.reduce((sum, site) => sum + site.share, 0);
    if (Math.abs(total - 1) > 1e-6)
      throw PlanningError.invalidSplit(`The shares of the sites sum to ${round(total)}; they must sum to 1.`);
    for (const siteId of siteIds) await this.siteExists(siteId);
    const name = command.name.trim();
    const id = await this.store.createQueue({
      name,
      ahtSeconds: command.ahtSeconds,
      patienceSeconds: command.patienceSeconds ?? null,
      target,
      maxOccupancy: command.maxOccupancy,
      sites: command.sites.map(({ siteId, share }) => ({ siteId, share })),
    });
    if (!id) throw PlanningError.queueNameTaken(name);
    this.events.updated('queue', id);
    return this.get(UNRESTRICTED, id);
  }

  /** Queues; a caller limited to some sites sees those that route calls to one of them, with those sites. */
  async list(scope: SiteScope): Promise<PlanningQueueView[]> {
    const visible = await this.visibleSites(scope);
    return (await this.store.queues()).flatMap((queue) => {
      const view = queueView(queue, visible);
      return view.sites.length || !visible ? [view] : [];
    });
  }

  async get(scope: SiteScope, id: string): Promise<PlanningQueueView> {
    const visible = await this.visibleSites(scope);
    const view = queueView(await this.spec(id), visible);
    if (visible && !view.sites.length) throw PlanningError.queueNotFound(id);
    return view;
  }

  async spec(id: string): Promise<QueueSpec> {
    const [queue] = await this.store.queues([id]);
    if (!queue) throw PlanningError.queueNotFound(id);
    return queue;
  }

  /** Interval volumes as JSON: all or nothing. */
  async putVolumes(id: string, command: PutVolumesDto): Promise<VolumesResult> {
    await this.spec(id);
    const problems: VolumeProblem[] = [];
    const volumes = command.intervals.map((row, index) => {
      const start = intervalStart(row.start, problems, index);
      return { start, calls: row.calls };
    });
    return this.write(id, volumes, problems);
  }

  /** Interval volumes as CSV `start,calls` (header line first): all or nothing. */
  async importCsv(id: string, csv: Readable): Promise<VolumesResult> {
    await this.spec(id);
    const problems: VolumeProblem[] = [];
    const volumes: Array<{ start: number; calls: number }> = [];
    const head = await readCsvHead(csv);
    const parser = head.stream.pipe(
      parse({
        bom: true,
        delimiter: head.delimiter,
        columns: true,
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
      }),
    );
    let line = 1;
    try {
      for await (const record of parser as AsyncIterable<Record<string, string>>) {
        line += 1;
        if (volumes.length >= MAX_VOLUME_ROWS) {
          problems.push({ line, message: `at most ${MAX_VOLUME_ROWS} intervals per file` });
          break;
        }
        if (!('start' in record) || !('calls' in record)) {
          problems.push({ line: 1, message: 'the header must name the columns start and calls' });
          break;
        }
        const start = intervalStart(record.start, problems, line);
        const calls = Number(record.calls);
        if (!/^\d+$/.test(record.calls ?? '') || calls > 1_000_000)
          problems.push({ line, message: 'calls must be a whole number from 0 to 1,000,000' });
        volumes.push({ start, calls });
      }
    } catch (error) {
      problems.push({
        line,
        message: `the file is not CSV (${(error as { code?: string }).code ?? 'parse error'})`,
      });
    }
    if (!volumes.length && !problems.length) problems.push({ line: 1, message: 'the file has no interval' });
    return this.write(id, volumes, problems);
  }

  /** Stored volumes of a queue the caller may see, intervals starting in [from, to). */
  async volumes(scope: SiteScope, id: string, from: number, to: number): Promise<VolumePointView[]> {
    await this.get(scope, id);
    return (await this.store.volumes([id], from, to)).map((v) => ({
      start: new Date(v.start).toISOString(),
      calls: v.calls,
    }));
  }

  private async write(
    id: string,
    volumes: Array<{ start: number; calls: number }>,
    problems: VolumeProblem[],
  ): Promise<VolumesResult> {
    const seen = new Set<number>();
    volumes.forEach((volume, index) => {
      if (!Number.isNaN(volume.start) && seen.has(volume.start))
        problems.push({
          line: index,
          message: `interval ${new Date(volume.start).toISOString()} appears twice`,
        });
      seen.add(volume.start);
    });
    if (problems.length) throw PlanningError.invalidVolumes(problems, problems.length);
    const intervals = await this.store.putVolumes(id, volumes);
    this.events.updated('volumes', id);
    return { queueId: id, intervals };
  }

  /** The sites a restricted caller may see (undefined: every site). */
  private async visibleSites(scope: SiteScope): Promise<ReadonlySet<string> | undefined> {
    if (!scope.partnerId && !scope.siteIds) return undefined;
    const query = Object.assign(new SiteQuery(), { limit: 10_000, offset: 0 });
    return new Set((await this.sites.list(scope, query)).items.map((site) => site.id));
  }

  private async siteExists(siteId: string): Promise<void> {
    try {
      await this.sites.get(UNRESTRICTED, siteId);
    } catch {
      throw PlanningError.siteNotFound(siteId);
    }
  }
}

/** A target as the maths takes it; a 400 naming what is missing. */
export function targetOf(dto: TargetDto | PlanningTarget): StaffingTarget {
  switch (dto.kind) {
    case 'service_level':
      if (dto.seconds === undefined || dto.level === undefined)
        throw PlanningError.invalidTarget('A service_level target needs seconds (T) and level (0..1).');
      return { kind: 'service_level', seconds: dto.seconds, level: dto.level };
    case 'asa':
      if (dto.seconds === undefined || dto.seconds <= 0)
        throw PlanningError.invalidTarget(
          'An asa target needs seconds (> 0): the highest mean wait of answered calls.',
        );
      return { kind: 'asa', seconds: dto.seconds };
    case 'abandonment':
      if (dto.rate === undefined)
        throw PlanningError.invalidTarget('An abandonment target needs rate (0..1).');
      return { kind: 'abandonment', rate: dto.rate };
  }
}

function intervalStart(text: string | undefined, problems: VolumeProblem[], line: number): number {
  const start = Date.parse(text ?? '');
  if (!text || !/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(start)) {
    problems.push({ line, message: 'start must be an ISO date-time such as 2026-11-20T09:30:00Z' });
    return NaN;
  }
  if (start % INTERVAL_MS !== 0) problems.push({ line, message: 'start must fall on :00 or :30' });
  return start;
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

/** A queue as the api shows it; with `visibleSites`, only those sites of its split. */
export function queueView(queue: QueueSpec, visibleSites?: ReadonlySet<string>): PlanningQueueView {
  const target = queue.target;
  return {
    id: queue.id,
    name: queue.name,
    ahtSeconds: queue.ahtSeconds,
    patienceSeconds: queue.patienceSeconds,
    target:
      target.kind === 'service_level'
        ? { kind: target.kind, seconds: target.seconds, level: target.level }
        : target.kind === 'asa'
          ? { kind: target.kind, seconds: target.seconds }
          : { kind: target.kind, rate: target.rate },
    maxOccupancy: queue.maxOccupancy,
    sites: visibleSites ? queue.sites.filter((site) => visibleSites.has(site.siteId)) : queue.sites,
  };
}
