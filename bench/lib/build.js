'use strict';
const { execFileSync } = require('node:child_process');
const { cpSync, mkdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
// Inside node_modules so the compiled files resolve their dependencies from the project.
const CACHE = join(ROOT, 'node_modules', '.cache', 'tke-bench', String(process.pid));
const SNAPSHOT = join(CACHE, 'current');
const BUILD_FILES = ['src', 'tsconfig.json', 'tsconfig.build.json', 'ormconfig.ts'];

/**
 * Compiles the application into a private folder, as `npm run build` does (tsc with
 * tsconfig.build.json, plus the pages' static files): the working tree, or with `ref` that commit.
 * The shared dist/ is deleted and rewritten whenever anyone runs `npm run build` or `npm start`,
 * which would pull files from under a running benchmark; a snapshot stays put. Returns its folder.
 */
function buildSnapshot(ref) {
  const out = ref ? join(CACHE, 'ref') : SNAPSHOT;
  let sourceRoot = ROOT;
  if (ref) {
    sourceRoot = join(CACHE, 'ref-source');
    mkdirSync(sourceRoot, { recursive: true });
    const present = BUILD_FILES.filter((file) => {
      try {
        execFileSync('git', ['cat-file', '-e', `${ref}:${file}`], { cwd: ROOT, stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    });
    const archive = execFileSync('git', ['archive', '--format=tar', ref, '--', ...present], { cwd: ROOT, maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', sourceRoot], { input: archive });
  }
  rmSync(out, { recursive: true, force: true });
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', out], {
    cwd: sourceRoot,
    stdio: 'inherit',
  });
  cpSync(join(sourceRoot, 'src', 'pages', 'public'), join(out, 'src', 'pages', 'public'), { recursive: true });
  return out;
}

function removeSnapshots() {
  rmSync(CACHE, { recursive: true, force: true });
}

/** A module of the compiled working tree, e.g. `dist('api-keys/api-key-format')`. */
function dist(path) {
  return require(join(SNAPSHOT, 'src', path));
}

module.exports = { ROOT, buildSnapshot, removeSnapshots, dist };
