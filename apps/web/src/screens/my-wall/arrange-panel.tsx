import { type FormEvent, useState } from 'react';
import type { LiveScope, TileKind, WallLayout, WallTile } from '@contracts';
import { choicesOf, KIND_LABELS, type Names, newTile } from './wall-names';

const KINDS: Record<'partner' | 'other', TileKind[]> = {
  partner: ['partner', 'site', 'activity', 'alerts'],
  other: ['network', 'partner', 'site', 'campaign', 'activity', 'alerts'],
};
const ACTIVITY_SCOPES: Record<'partner' | 'other', LiveScope[]> = {
  partner: ['partner', 'site'],
  other: ['network', 'partner', 'site', 'campaign'],
};

/** While arranging: the screen the wall is designed for, and a form to add a tile. */
export function ArrangePanel({
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
  const who = role === 'partner' ? 'partner' : 'other';
  const [kind, setKind] = useState<TileKind>('site');
  const [scope, setScope] = useState<LiveScope>('network');
  const [targetId, setTargetId] = useState('');
  const options = choicesOf(names, kind === 'activity' ? scope : kind === 'alerts' ? null : kind);
  const add = (event: FormEvent) => {
    event.preventDefault();
    const tile = newTile(kind, scope, targetId, names);
    if (tile) onAdd(tile);
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
          {KINDS[who].map((name) => (
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
            {ACTIVITY_SCOPES[who].map((name) => (
              <option key={name}>{name}</option>
            ))}
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
