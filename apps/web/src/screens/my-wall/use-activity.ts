import { useEffect, useState } from 'react';
import type { ActivityView, LiveSubscription } from '@contracts';
import { useLiveEvent } from '../../live/live';
import { api } from '../../lib/api';
import { keyOf } from './wall-names';

/** Each scope's activity: read once, then kept current by `activity.changed`. */
export function useActivity(scopes: LiveSubscription[]): Record<string, ActivityView> {
  const [views, setViews] = useState<Record<string, ActivityView>>({});
  const keys = scopes.map(keyOf).join(',');
  useEffect(() => {
    let current = true;
    for (const scope of scopes)
      api<ActivityView>(`/live/activity?scope=${scope.scope}${scope.id ? `&id=${scope.id}` : ''}`).then(
        (view) => current && setViews((all) => ({ ...all, [keyOf(view)]: view })),
        () => undefined,
      );
    return () => {
      current = false;
    };
  }, [keys]);
  useLiveEvent('activity.changed', (view) => {
    if (keys.split(',').includes(keyOf(view))) setViews((all) => ({ ...all, [keyOf(view)]: view }));
  });
  return views;
}
