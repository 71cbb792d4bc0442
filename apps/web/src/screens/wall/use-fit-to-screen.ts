import { useLayoutEffect } from 'react';

/** Wide screens (a wall) open in the wall-screen layout. */
export const WALL_SCREEN = '(min-width: 1800px)';
/** the wall-screen layout's type, in px of the root font size: as big as fits, never below the smallest */
const WALL_TYPE = { smallest: 11, largest: 44 };

/**
 * The wall-screen layout fills the screen without scrolling: the largest root font size at which
 * the page still fits the window (every size in the stylesheet is in rem), found again whenever
 * the window or the sites change, and smaller as soon as new content (an alert) overflows.
 */
export function useFitToScreen(active: boolean, content: unknown[]) {
  useLayoutEffect(() => {
    const root = document.documentElement;
    if (!active) return;
    const fits = (size: number) => {
      root.style.fontSize = `${size}px`;
      if (root.scrollHeight > window.innerHeight || root.scrollWidth > window.innerWidth) return false;
      // and no figure wider than its column
      return [...document.querySelectorAll('.wall .key-figures > div')].every(
        (cell) => cell.scrollWidth <= cell.clientWidth,
      );
    };
    const fit = () => {
      let [low, high] = [WALL_TYPE.smallest, WALL_TYPE.largest];
      while (high - low > 0.25) {
        const middle = (low + high) / 2;
        if (fits(middle)) low = middle;
        else high = middle;
      }
      root.style.fontSize = `${low}px`;
    };
    fit();
    // an alert opening, a figure growing a digit: shrink as soon as the page no longer fits
    let frame = 0;
    const observer = new MutationObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (root.scrollHeight > window.innerHeight || root.scrollWidth > window.innerWidth) fit();
      });
    });
    observer.observe(document.querySelector('[data-testid="wall"]') ?? document.body, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    window.addEventListener('resize', fit);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', fit);
      root.style.fontSize = '';
    };
  }, [active, ...content]);
}
