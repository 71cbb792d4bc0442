import type {
  CampaignAction,
  CampaignProgress,
  CampaignStatus,
  CampaignVerdictView,
  ComplianceAttemptRow,
  ComplianceReport,
  ReportRule,
  CampaignView,
  ImportView,
  OppositionListStatus,
  ShareHistoryView,
  Page,
  TransparencyRow,
} from '@contracts';
import { api, query } from './api';

export type TransparencyPage = Page<TransparencyRow> & { byCountry?: Record<string, number> };

/** The campaigns routes the manager console uses, in one place. */
export const campaignsApi = {
  list: (status?: CampaignStatus) => api<Page<CampaignView>>(`/campaigns${query({ status, limit: 100 })}`),
  get: (id: string) => api<CampaignView>(`/campaigns/${id}`),
  create: (body: unknown) => api<CampaignView>('/campaigns', { method: 'POST', json: body }),
  act: (id: string, action: CampaignAction, confirmStaleOppositionList?: boolean) =>
    api<CampaignView>(`/campaigns/${id}/${action}`, {
      method: 'POST',
      json: confirmStaleOppositionList ? { confirmStaleOppositionList } : undefined,
    }),
  /** when the opposition list was last refreshed, and whether a launch needs a confirmation */
  oppositionList: () => api<OppositionListStatus>('/suppressions/status'),
  progress: (id: string) => api<CampaignProgress>(`/campaigns/${id}/progress`),
  importContacts: (id: string, file: File) =>
    api<ImportView>(`/campaigns/${id}/contacts`, {
      method: 'POST',
      body: file,
      headers: { 'content-type': 'text/csv' },
    }),
  importStatus: (id: string) => api<ImportView>(`/imports/${id}`),
  /** recompute the split of volume between sites now (a job does it every minute) */
  allocate: (id: string) => api<CampaignView>(`/campaigns/${id}/allocation`, { method: 'POST' }),
  /** what the test has shown: conversion, P(best), expected loss, costs per site and a sentence */
  verdict: (id: string) => api<CampaignVerdictView>(`/campaigns/${id}/verdict`),
  /** each recomputed split, oldest first */
  shareHistory: (id: string) => api<ShareHistoryView>(`/campaigns/${id}/share-history`),
  /** end the test keeping the winner (by default the verdict's) */
  endTest: (id: string, winnerSiteId?: string) =>
    api<CampaignView>(`/campaigns/${id}/test/end`, { method: 'POST', json: { winnerSiteId } }),
  /** every call attempt of a campaign with the site, partner and country it came from */
  transparency: (campaignId: string, limit = 200) =>
    api<TransparencyPage>(`/campaigns/${campaignId}/transparency${query({ limit })}`),
  /** every call a customer received, from any campaign */
  consumerCalls: (phone: string, limit = 200) =>
    api<TransparencyPage>(`/consumers/calls${query({ phone, limit })}`),
};

/** Which lifecycle actions a status allows (mirrors the api's rules; the api has the last word). */
export const ACTIONS_FROM: Record<CampaignAction, CampaignStatus[]> = {
  launch: ['draft'],
  pause: ['running'],
  resume: ['paused'],
  complete: ['running', 'paused'],
  cancel: ['draft', 'scheduled', 'running', 'paused'],
};

export const STRATEGY_LABELS = {
  proportional_capacity: 'Proportional to staffed capacity',
  cheapest_first: 'Cheapest first',
  best_conversion: 'Best conversion',
  test_and_learn: 'Test and learn (test cell)',
} as const;

/** Filters of the compliance report: a period in Paris dates and optionally one campaign, partner or site. */
export interface ComplianceFilters {
  from: string;
  to: string;
  campaignId: string;
  partnerId: string;
  siteId: string;
}

/** The compliance report and the attempts behind each of its counts (managers and admins). */
export const complianceApi = {
  report: (filters: ComplianceFilters) => api<ComplianceReport>(`/compliance/report${query({ ...filters })}`),
  reportCsv: (filters: ComplianceFilters) =>
    api<string>(`/compliance/report${query({ ...filters, format: 'csv' })}`),
  attempts: (filters: ComplianceFilters, rule?: ReportRule | 'flagged', limit = 200) =>
    api<Page<ComplianceAttemptRow>>(`/compliance/attempts${query({ ...filters, rule, limit })}`),
  attemptsCsv: (filters: ComplianceFilters, rule?: ReportRule | 'flagged') =>
    api<string>(`/compliance/attempts${query({ ...filters, rule, format: 'csv' })}`),
};
