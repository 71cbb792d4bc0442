import { useEffect, useMemo, useState } from 'react';
import type { WallLayout, WallTile, WallView } from '@contracts';
import { useLiveScopes } from '../../live/live';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/use-resource';
import { useActivity } from './use-activity';
import { loadNames, titleOf } from './wall-names';
import { scopesOf } from '../../lib/wall-scopes';

/** The user's saved wall, the draft being arranged, and the live figures and activity of its tiles. */
export function useMyWall() {
  const { user } = useSession();
  const saved = useResource(() => api<WallView>('/walls/mine'), []);
  const names = useResource(() => loadNames(user!.role), [user]);
  const [draft, setDraft] = useState<WallLayout | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    if (saved.data && !draft) setDraft({ screen: saved.data.screen, tiles: saved.data.tiles });
  }, [saved.data, draft]);

  const layout = draft ?? saved.data ?? null;
  const tiles = useMemo(() => layout?.tiles ?? [], [layout]);
  const scopes = useMemo(() => scopesOf(tiles), [tiles]);
  const live = useLiveScopes(scopes);
  const activity = useActivity(scopes);

  const update = (change: (tiles: WallTile[]) => WallTile[]) =>
    setDraft((current) => (current ? { ...current, tiles: change(current.tiles) } : current));
  const edit = {
    add: (tile: WallTile) => update((current) => [...current, tile]),
    move: (index: number, by: number) =>
      update((current) => {
        const next = [...current];
        const [tile] = next.splice(index, 1);
        next.splice(Math.max(0, Math.min(next.length, index + by)), 0, tile);
        return next;
      }),
    patch: (id: string, change: Partial<WallTile>) =>
      update((current) => current.map((tile) => (tile.id === id ? { ...tile, ...change } : tile))),
    remove: (id: string) => update((current) => current.filter((other) => other.id !== id)),
    screen: (screen: WallLayout['screen']) =>
      setDraft((current) => (current ? { ...current, screen } : current)),
  };

  /** Saves the draft; true once saved. */
  async function save(): Promise<boolean> {
    if (!draft) return false;
    setSaveError(null);
    try {
      // every tile carries its name: a read-only screen has no other way to know it
      const named = {
        ...draft,
        tiles: draft.tiles.map((tile) => ({ ...tile, title: titleOf(tile, names.data) })),
      };
      const view = await api<WallView>('/walls/mine', { method: 'PUT', json: named });
      setDraft({ screen: view.screen, tiles: view.tiles });
      saved.set(() => view);
      setStatus(`Saved at ${new Date(view.updatedAt!).toLocaleTimeString('en-GB')}`);
      return true;
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  return {
    role: user!.role,
    layout,
    draft,
    tiles,
    names: names.data,
    loadError: saved.error ?? names.error,
    hasWall: !!saved.data?.updatedAt,
    live,
    activity,
    edit,
    save,
    status,
    saveError,
  };
}

export type MyWall = ReturnType<typeof useMyWall>;
