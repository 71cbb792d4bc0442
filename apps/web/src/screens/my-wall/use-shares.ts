import { useState } from 'react';
import type { WallShareCreated, WallShareView } from '@contracts';
import { api, ApiError } from '../../lib/api';
import { useResource } from '../../lib/use-resource';

/** The wall's read-only links: listed, created (the token is shown once), revoked. */
export function useShares() {
  const shares = useResource(() => api<WallShareView[]>('/walls/mine/shares'), []);
  const [created, setCreated] = useState<WallShareCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = async (label: string) => {
    setError(null);
    try {
      setCreated(await api<WallShareCreated>('/walls/mine/shares', { method: 'POST', json: { label } }));
      shares.reload();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    }
  };
  const revoke = async (id: string) => {
    await api<WallShareView>(`/walls/mine/shares/${id}`, { method: 'DELETE' });
    if (created?.id === id) setCreated(null);
    shares.reload();
  };
  return { shares: shares.data ?? [], created, error, create, revoke };
}
