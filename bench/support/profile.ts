import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** A V8 CPU profile (inspector's Profiler.stop, or a node --cpu-prof file). */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Self time by area (package, Plateau context, idle, GC) and the hottest functions, over one or more profiles. */
export function summariseProfile(profiles: CpuProfile | CpuProfile[], title: string): string {
  const list = Array.isArray(profiles) ? profiles : [profiles];
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let totalHits = 0;
  let profiledMs = 0;
  for (const profile of list) {
    profiledMs += (profile.endTime - profile.startTime) / 1000;
    for (const node of profile.nodes) {
      const hits = node.hitCount ?? 0;
      if (!hits) continue;
      totalHits += hits;
      const { functionName, url, lineNumber } = node.callFrame;
      const file = url.replace(
        /^.*\/(node_modules\/(?:@[^/]+\/)?[^/]+|dist\/libs\/[^/]+|dist\/apps\/[^/]+|dist\/bench)\/.*$/,
        '$1',
      );
      const area =
        functionName === '(idle)'
          ? 'idle (waiting for I/O: PostgreSQL, Redis, sockets)'
          : functionName === '(garbage collector)'
            ? 'GC'
            : file || '(node internals)';
      byArea.set(area, (byArea.get(area) ?? 0) + hits);
      const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
    }
  }
  const share = (hits: number) => `${((100 * hits) / (totalHits || 1)).toFixed(1).padStart(5)}%`;
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, hits]) => `    ${share(hits)}  ${name}`);
  return [
    `  ${title} (${seconds(profiledMs)} profiled over ${list.length} profile(s)):`,
    '  by area (self time):',
    ...top(byArea, 12),
    '  hottest functions (self time):',
    ...top(byFunction, 15),
  ].join('\n');
}

/** Summarises every `.cpuprofile` file in a directory (node --cpu-prof --cpu-prof-dir). */
export async function summariseProfiles(dir: string): Promise<string> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((file) =>
    file.endsWith('.cpuprofile'),
  );
  const profiles = await Promise.all(
    files.map(async (file) => JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile),
  );
  return profiles.length
    ? summariseProfile(profiles, `CPU profile of the api nodes, ${dir}`)
    : `no CPU profile in ${dir}`;
}
