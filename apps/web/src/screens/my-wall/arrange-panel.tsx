import { type FormEvent, useState } from 'react';
import type { LiveScope, TileKind, WallLayout, WallTile } from '@contracts';
import { choicesOf, KIND_LABELS, type Names, newTile } from './wall-names';
import { Choice, type Option, optionsOf } from '../../components/choice';

const KINDS: Record<'partner' | 'other', TileKind[]> = {
  partner: ['partner', 'site', 'activity', 'alerts'],
  other: ['network', 'partner', 'site', 'campaign', 'activity', 'alerts'],
};
const ACTIVITY_SCOPES: Record<'partner' | 'other', LiveScope[]> = {
  partner: ['partner', 'site'],
  other: ['network', 'partner', 'site', 'campaign'],
};

const SCREENS: Array<Option<WallLayout['screen']>> = [
  { value: '1080p', label: '1920×1080' },
  { value: '4k', label: '4K (3840×2160)' },
];

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
        <Choice value={layout.screen} options={SCREENS} onChange={onScreen} />
      </label>
      <form className="wall-row" onSubmit={add} aria-label="Add a tile">
        <Choice<TileKind>
          aria-label="Tile"
          value={kind}
          options={KINDS[who].map((name) => ({ value: name, label: KIND_LABELS[name] }))}
          onChange={setKind}
        />
        {kind === 'activity' && (
          <Choice<LiveScope>
            aria-label="Activity of"
            value={scope}
            options={ACTIVITY_SCOPES[who].map((name) => ({ value: name, label: name }))}
            onChange={setScope}
          />
        )}
        {options && (
          <Choice aria-label="Showing" value={targetId} options={optionsOf(options)} onChange={setTargetId} />
        )}
        <button type="submit">Add tile</button>
      </form>
    </section>
  );
}
