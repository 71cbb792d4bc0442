import { useState } from 'react';
import { ScreenError } from '../../components/states';
import { ArrangePanel } from './arrange-panel';
import { SharePanel } from './share-panel';
import { useMyWall } from './use-my-wall';
import { WallGrid } from './wall-grid';

/**
 * The wall a user arranges: tiles chosen and ordered, sized for a 1920×1080 or a 4K screen,
 * with thresholds that colour them; saved on the server; shared read-only with a link.
 */
export function MyWallScreen() {
  const wall = useMyWall();
  const [arranging, setArranging] = useState(false);
  const { draft, status, saveError } = wall;
  const save = async () => {
    if (await wall.save()) setArranging(false);
  };

  return (
    <div className={`my-wall screen-${wall.layout?.screen ?? '1080p'}`} data-testid="my-wall">
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
      {wall.loadError && <ScreenError error={wall.loadError} />}
      {saveError && (
        <p className="error" role="alert">
          Not saved: {saveError}
        </p>
      )}
      {arranging && draft && (
        <ArrangePanel
          layout={draft}
          names={wall.names}
          role={wall.role}
          onScreen={wall.edit.screen}
          onAdd={wall.edit.add}
        />
      )}
      <WallGrid wall={wall} arranging={arranging} />
      <SharePanel hasWall={wall.hasWall} />
    </div>
  );
}
