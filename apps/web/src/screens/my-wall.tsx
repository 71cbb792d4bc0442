import { type FormEvent, useEffect, useMemo, useState } from 'react';
import {
  type ActivityView,
  type CampaignView,
  type LiveScope,
  type LiveSubscription,
  type PartnerView,
  type SiteView,
  THRESHOLD_METRICS,
  THRESHOLD_OPS,
  thresholdBreached,
  type TileKind,
  type TileSize,
  type TileThreshold,
  tileScope,
  TILE_SIZES,
  type WallLayout,
  type WallShareCreated,
  type WallShareView,
  type WallTile,
  type WallView,
} from '@contracts';
import { ScreenError } from '../components/states';
import { METRIC_LABELS, thresholdLabel, WallTileCard } from '../components/wall-tile';
import { useLiveEvent, useLiveScopes } from '../live/live';
import { allPages, api, ApiError } from '../lib/api';
import { useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { OpenAlerts } from './wall-alerts';

const KIND_LABELS: Record<TileKind, string> = {
  network: 'Network seats',
  partner: 'A partner’s seats',
  site: 'A site’s seats',
  campaign: 'A campaign’s seats',
  alerts: 'Open alerts',
  activity: 'Activity',
};
const SHARE_METRICS = new Set(['occupancy', 'reachRate', 'conversion']);
const keyOf = (scope: { scope: string; id?: string | null }) => `${scope.scope}:${scope.id ?? ''}`;

interface Names {
  partners: PartnerView[];
  sites: SiteView[];
  campaigns: CampaignView[];
}

async function loadNames(role: string): Promise<Names> {
  const [partners, sites, campaigns] = await Promise.all([
    allPages<PartnerView>('/partners'),
    allPages<SiteView>('/sites'),
    role === 'partner' ? Promise.resolve([]) : allPages<CampaignView>('/campaigns'),
  ]);
  return { partners, sites, campaigns };
}

function nameOf(names: Names | undefined, scope: LiveScope, id: string | null | undefined): string {
  if (scope === 'network') return 'Network';
  const list: Array<{ id: string; name: string }> =
    scope === 'partner'
      ? (names?.partners ?? [])
      : scope === 'site'
        ? (names?.sites ?? [])
        : (names?.campaigns ?? []);
  return list.find((item) => item.id === id)?.name ?? scope;
}

function titleOf(tile: WallTile, names: Names | undefined): string {
  if (tile.title) return tile.title;
  const target = tileScope(tile);
  if (!target) return 'Open alerts';
  const name = nameOf(names, target.scope, target.id);
  return tile.kind === 'activity' ? `Activity · ${name}` : name;
}

/**
 * The wall a user arranges: tiles chosen and ordered, sized for a 1920×1080 or a 4K screen,
 * with thresholds that colour them; saved on the server; shared read-only with a link.
 */
export function MyWallScreen() {
  const { user } = useSession();
  const saved = useResource(() => api<WallView>('/walls/mine'), []);
  const names = useResource(() => loadNames(user!.role), [user]);
  const [draft, setDraft] = useState<WallLayout | null>(null);
  const [arranging, setArranging] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    if (saved.data && !draft) setDraft({ screen: saved.data.screen, tiles: saved.data.tiles });
  }, [saved.data, draft]);

  const layout = draft ?? saved.data ?? null;
  const tiles = layout?.tiles ?? [];
  const scopes = useMemo(() => {
    const unique = new Map<string, LiveSubscription>();
    for (const tile of tiles) {
      const target = tileScope(tile);
      if (target)
        unique.set(
          keyOf(target),
          target.id ? { scope: target.scope, id: target.id } : { scope: target.scope },
        );
    }
    return [...unique.values()];
  }, [tiles]);
  const live = useLiveScopes(scopes);
  const activity = useActivity(scopes);

  const update = (change: (tiles: WallTile[]) => WallTile[]) =>
    setDraft((current) => (current ? { ...current, tiles: change(current.tiles) } : current));
  const move = (index: number, by: number) =>
    update((current) => {
      const next = [...current];
      const [tile] = next.splice(index, 1);
      next.splice(Math.max(0, Math.min(next.length, index + by)), 0, tile);
      return next;
    });
  const patch = (id: string, change: Partial<WallTile>) =>
    update((current) => current.map((tile) => (tile.id === id ? { ...tile, ...change } : tile)));

  async function save() {
    if (!draft) return;
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
      setArranging(false);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <div className={`my-wall screen-${layout?.screen ?? '1080p'}`} data-testid="my-wall">
      <header className="screen-head">
        <h1>My wall</h1>
        {status && (
          <span className="muted" role="status" data-testid="wall-status">
            {status}
          </span>
        )}
        <button
          type="button"
          className="ghost"
          aria-pressed={arranging}
          onClick={() => setArranging(!arranging)}
        >
          {arranging ? 'Done arranging' : 'Arrange'}
        </button>
        <button type="button" onClick={save} disabled={!draft}>
          Save wall
        </button>
      </header>
      {(saved.error || names.error) && <ScreenError error={(saved.error ?? names.error)!} />}
      {saveError && (
        <p className="error" role="alert">
          Not saved: {saveError}
        </p>
      )}
      {arranging && draft && (
        <ArrangePanel
          layout={draft}
          names={names.data}
          role={user!.role}
          onScreen={(screen) => setDraft({ ...draft, screen })}
          onAdd={(tile) => update((current) => [...current, tile])}
        />
      )}
      <div className="wall-grid" data-testid="wall-grid">
        {tiles.map((tile, index) => {
          const target = tileScope(tile);
          const view = target ? (activity[keyOf(target)] ?? null) : null;
          const shownActivity =
            tile.kind === 'activity' ||
            tile.kind === 'network' ||
            tile.kind === 'partner' ||
            tile.kind === 'site' ||
            tile.kind === 'campaign'
              ? view
              : null;
          const title = titleOf(tile, names.data);
          return (
            <WallTileCard
              key={tile.id}
              tile={tile}
              title={title}
              live={target ? (live.snapshots[keyOf(target)]?.totals ?? null) : null}
              activity={shownActivity}
              breached={
                view ? (tile.thresholds ?? []).filter((threshold) => thresholdBreached(threshold, view)) : []
              }
              controls={
                arranging ? (
                  <TileControls
                    tile={tile}
                    title={title}
                    first={index === 0}
                    last={index === tiles.length - 1}
                    onMove={(by) => move(index, by)}
                    onPatch={(change) => patch(tile.id, change)}
                    onRemove={() => update((current) => current.filter((other) => other.id !== tile.id))}
                  />
                ) : null
              }
            >
              {tile.kind === 'alerts' && (
                <OpenAlerts sites={new Map((names.data?.sites ?? []).map((site) => [site.id, site]))} />
              )}
            </WallTileCard>
          );
        })}
      </div>
      <SharePanel hasWall={!!saved.data?.updatedAt} />
    </div>
  );
}

/** Each scope's activity: read once, then kept current by `activity.changed`. */
function useActivity(scopes: LiveSubscription[]): Record<string, ActivityView> {
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

function TileControls({
  tile,
  title,
  first,
  last,
  onMove,
  onPatch,
  onRemove,
}: {
  tile: WallTile;
  title: string;
  first: boolean;
  last: boolean;
  onMove(by: number): void;
  onPatch(change: Partial<WallTile>): void;
  onRemove(): void;
}) {
  const [metric, setMetric] = useState<TileThreshold['metric']>('occupancy');
  const [op, setOp] = useState<TileThreshold['op']>('below');
  const [value, setValue] = useState('60');
  const thresholds = tile.thresholds ?? [];
  const addThreshold = (event: FormEvent) => {
    event.preventDefault();
    const raw = Number(value);
    const share = op === 'falling' || SHARE_METRICS.has(metric);
    onPatch({ thresholds: [...thresholds, { metric, op, value: share ? raw / 100 : raw }] });
  };
  return (
    <div className="tile-controls" data-testid="tile-controls">
      <div className="wall-row">
        <button
          type="button"
          className="ghost"
          disabled={first}
          onClick={() => onMove(-1)}
          aria-label={`Move ${title} earlier`}
        >
          ←
        </button>
        <button
          type="button"
          className="ghost"
          disabled={last}
          onClick={() => onMove(1)}
          aria-label={`Move ${title} later`}
        >
          →
        </button>
        <label>
          Size
          <select
            value={tile.size}
            aria-label={`Size of ${title}`}
            onChange={(event) => onPatch({ size: event.target.value as TileSize })}
          >
            {TILE_SIZES.map((size) => (
              <option key={size}>{size}</option>
            ))}
          </select>
        </label>
        <button type="button" className="ghost" onClick={onRemove} aria-label={`Remove ${title}`}>
          Remove
        </button>
      </div>
      {tile.kind !== 'alerts' && (
        <>
          <ul className="thresholds">
            {thresholds.map((threshold, index) => (
              <li key={index}>
                {thresholdLabel(threshold)}{' '}
                <button
                  type="button"
                  className="ghost"
                  onClick={() => onPatch({ thresholds: thresholds.filter((_, other) => other !== index) })}
                >
                  Remove threshold
                </button>
              </li>
            ))}
          </ul>
          <form className="wall-row" onSubmit={addThreshold} aria-label={`Threshold of ${title}`}>
            <select
              aria-label="Metric"
              value={metric}
              onChange={(event) => setMetric(event.target.value as TileThreshold['metric'])}
            >
              {THRESHOLD_METRICS.map((name) => (
                <option key={name} value={name}>
                  {METRIC_LABELS[name]}
                </option>
              ))}
            </select>
            <select
              aria-label="When"
              value={op}
              onChange={(event) => setOp(event.target.value as TileThreshold['op'])}
            >
              {THRESHOLD_OPS.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
            <input
              aria-label="Value"
              type="number"
              min={0}
              value={value}
              onChange={(event) => setValue(event.target.value)}
            />
            <button type="submit" className="ghost">
              Add threshold
            </button>
          </form>
        </>
      )}
    </div>
  );
}

function ArrangePanel({
  layout,
  names,
  role,
  onScreen,
  onAdd,
}: {
  layout: WallLayout;
  names: Names | undefined;
  role: string;
  onScreen(screen: WallLayout['screen']): void;
  onAdd(tile: WallTile): void;
}) {
  const kinds: TileKind[] =
    role === 'partner'
      ? ['partner', 'site', 'activity', 'alerts']
      : ['network', 'partner', 'site', 'campaign', 'activity', 'alerts'];
  const [kind, setKind] = useState<TileKind>('site');
  const [scope, setScope] = useState<LiveScope>('network');
  const [targetId, setTargetId] = useState('');
  const targetScope: LiveScope | null = kind === 'activity' ? scope : kind === 'alerts' ? null : kind;
  const options =
    targetScope === 'partner'
      ? names?.partners
      : targetScope === 'site'
        ? names?.sites
        : targetScope === 'campaign'
          ? names?.campaigns
          : undefined;
  const add = (event: FormEvent) => {
    event.preventDefault();
    const id = `${kind}-${Date.now().toString(36)}`;
    const needsTarget = targetScope !== null && targetScope !== 'network';
    const target = needsTarget ? targetId || options?.[0]?.id : undefined;
    if (needsTarget && !target) return;
    const tile: WallTile = {
      id,
      kind,
      size: 'medium',
      ...(kind === 'activity' ? { scope } : {}),
      ...(target ? { targetId: target } : {}),
    };
    const name = targetScope ? nameOf(names, targetScope, target) : 'Open alerts';
    onAdd({ ...tile, title: kind === 'activity' ? `Activity · ${name}` : name });
  };
  return (
    <section className="tile arrange-panel" aria-label="Arrange the wall">
      <label>
        Designed for
        <select
          value={layout.screen}
          onChange={(event) => onScreen(event.target.value as WallLayout['screen'])}
        >
          <option value="1080p">1920×1080</option>
          <option value="4k">4K (3840×2160)</option>
        </select>
      </label>
      <form className="wall-row" onSubmit={add} aria-label="Add a tile">
        <select aria-label="Tile" value={kind} onChange={(event) => setKind(event.target.value as TileKind)}>
          {kinds.map((name) => (
            <option key={name} value={name}>
              {KIND_LABELS[name]}
            </option>
          ))}
        </select>
        {kind === 'activity' && (
          <select
            aria-label="Activity of"
            value={scope}
            onChange={(event) => setScope(event.target.value as LiveScope)}
          >
            {(role === 'partner' ? ['partner', 'site'] : ['network', 'partner', 'site', 'campaign']).map(
              (name) => (
                <option key={name}>{name}</option>
              ),
            )}
          </select>
        )}
        {options && (
          <select aria-label="Showing" value={targetId} onChange={(event) => setTargetId(event.target.value)}>
            {options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </select>
        )}
        <button type="submit">Add tile</button>
      </form>
    </section>
  );
}

function SharePanel({ hasWall }: { hasWall: boolean }) {
  const shares = useResource(() => api<WallShareView[]>('/walls/mine/shares'), []);
  const [label, setLabel] = useState('Screen in the room');
  const [created, setCreated] = useState<WallShareCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = async (event: FormEvent) => {
    event.preventDefault();
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
  return (
    <section className="tile share-panel" aria-labelledby="share-title">
      <h2 id="share-title">Read-only links</h2>
      {!hasWall && <p className="muted">Save your wall to share it.</p>}
      <form className="wall-row" onSubmit={create}>
        <label>
          Link for
          <input value={label} onChange={(event) => setLabel(event.target.value)} maxLength={80} />
        </label>
        <button type="submit" disabled={!hasWall}>
          Create read-only link
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <label className="share-link">
          Open this on the screen (shown once)
          <input
            readOnly
            data-testid="share-link"
            value={`${location.origin}/shared-wall#${created.token}`}
          />
        </label>
      )}
      <ul>
        {(shares.data ?? []).map((share) => (
          <li key={share.id} data-testid="share" data-revoked={share.revokedAt ? 'true' : 'false'}>
            {share.label} · created{' '}
            {new Date(share.createdAt).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })}
            {share.revokedAt ? (
              <span className="muted"> · revoked</span>
            ) : (
              <button type="button" className="ghost" onClick={() => void revoke(share.id)}>
                Revoke {share.label}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
