#!/usr/bin/env node
// Builds what changed since the last build: the server (SWC: apps/api, apps/worker, apps/cli, libs)
// and the web app (Vite: apps/web and libs/contracts). Each part has a fingerprint of its inputs
// (path, size and modification time of every file) kept in dist/.build-state.json; a part whose
// fingerprint is unchanged is not built again. `--all` builds both parts whatever changed.
// Used by `npm run build` (--all), `npm start`, `npm run start:worker` and `npm run cli`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stateFile = join(root, 'dist', '.build-state.json');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const PARTS = {
  server: {
    inputs: ['apps/api/src', 'apps/worker/src', 'apps/cli/src', 'libs', '.swcrc', 'package.json'],
    output: 'dist/apps/api/src/main.js',
    command: [
      bin('swc'),
      [
        'apps/api/src',
        'apps/worker/src',
        'apps/cli/src',
        'libs',
        '-d',
        'dist',
        '--config-file',
        '.swcrc',
        '--quiet',
      ],
    ],
  },
  web: {
    inputs: ['apps/web', 'libs/contracts/src', 'package-lock.json'],
    output: 'dist/web/index.html',
    command: [bin('vite'), ['build', 'apps/web', '--logLevel', 'warn']],
  },
};

function* files(path) {
  const full = join(root, path);
  if (!existsSync(full)) return;
  const stat = statSync(full);
  if (!stat.isDirectory()) {
    yield `${path}:${stat.size}:${stat.mtimeMs}`;
    return;
  }
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    yield* files(relative(root, join(full, entry.name)));
  }
}

function fingerprint(inputs) {
  const hash = createHash('sha256');
  for (const input of inputs) for (const line of files(input)) hash.update(`${line}\n`);
  return hash.digest('hex');
}

function readState() {
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8'));
  } catch {
    return {};
  }
}

const all = process.argv.includes('--all');
const state = readState();
for (const [name, part] of Object.entries(PARTS)) {
  const print = fingerprint(part.inputs);
  if (!all && state[name] === print && existsSync(join(root, part.output))) continue;
  const [command, args] = part.command;
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    delete state[name];
    mkdirSync(dirname(stateFile), { recursive: true });
    writeFileSync(stateFile, JSON.stringify(state));
    process.exit(result.status ?? 1);
  }
  state[name] = print;
  mkdirSync(dirname(stateFile), { recursive: true });
  writeFileSync(stateFile, JSON.stringify(state));
  if (!all && process.stderr.isTTY)
    console.error(`built ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
