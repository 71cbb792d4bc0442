import type { CampaignProgress, CampaignStatus, ImportStatus } from './campaigns.js';
import type { OccupancyDelta } from './live.js';
import type { PlanningUpdatedEvent } from './planning.js';
import type { ActivityView } from './wallboard.js';

/**
 * Domain events that reach dashboards, keyed by name. Published in-process by the domain
 * (EventBus), forwarded to socket.io rooms by the live layer. Each lib owning an event
 * refines its payload type here; server and browser share this one map.
 */
export interface StaffingReportEvent {
  siteId: string;
  partnerId: string;
  period: string;
  version: number;
  agentsInProduction: number;
  agentsInTraining: number;
  seatsInstalled: number;
  seatsStaffed: number;
}

export interface HeadcountChangedEvent {
  siteId: string;
  partnerId: string;
  country: string;
  /** headcount (FTE) declared by the latest report of the site */
  headcount: number;
  at: string;
}

export interface AlertEvent {
  id: string;
  kind: string;
  siteId: string | null;
  partnerId: string | null;
  message: string;
  openedAt: string;
  resolvedAt?: string | null;
}

export interface CampaignStatusEvent {
  campaignId: string;
  name: string;
  status: CampaignStatus;
  previous: CampaignStatus;
  at: string;
}

/** A contact import advancing: staged rows, then merged into the campaign (no phone numbers, no names). */
export interface ImportProgressEvent {
  importId: string;
  campaignId: string;
  status: ImportStatus;
  rows: number;
  processed: number;
  created: number;
  merged: number;
  rejected: number;
  at: string;
}

export interface DomainEventMap {
  'staffing.report': StaffingReportEvent;
  'headcount.changed': HeadcountChangedEvent;
  'alert.opened': AlertEvent;
  'alert.resolved': AlertEvent;
  /** coalesced live figures of a room's scope (libs/live), never published on the EventBus */
  'site.occupancy': OccupancyDelta;
  /** a campaign's figures after outcomes or an import (libs/campaigns), at most every few seconds */
  'campaign.progress': CampaignProgress;
  'campaign.status': CampaignStatusEvent;
  'import.progress': ImportProgressEvent;
  /** planning inputs (a queue, its volumes) changed: plans and gaps are to be read again (network room) */
  'planning.updated': PlanningUpdatedEvent;
  /** coalesced activity figures and trend of a room's scope (libs/wallboard), never on the EventBus */
  'activity.changed': ActivityView;
}

export type DomainEventName = keyof DomainEventMap;
