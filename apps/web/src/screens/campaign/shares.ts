import type { CampaignProgress } from '@contracts';
import { type ChartSeries, seriesColor } from '../../components/time-chart';

/** A share (0..1) as a percentage with one decimal, for the chart; null where there is none. */
const asPercent = (share: number | undefined) => (share === undefined ? null : Math.round(share * 1000) / 10);

/** A line per site of its share of the volume over time, `shareAt(siteId, index)` giving each point. */
export function shareSeries(
  sites: Array<{ id: string; label: string }>,
  points: number,
  shareAt: (siteId: string, index: number) => number | undefined,
): ChartSeries[] {
  return sites.map((site, index) => ({
    label: site.label,
    color: seriesColor(index),
    percent: true,
    values: Array.from({ length: points }, (_, point) => asPercent(shareAt(site.id, point))),
  }));
}

/** A figure of the campaign's progress as this page received it. */
export interface Sample {
  /** seconds since the epoch, when the page received it */
  t: number;
  progress: CampaignProgress;
}
