'use strict';
const { execFileSync } = require('node:child_process');
const { cpSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
// Inside node_modules so the compiled files resolve their dependencies from the project.
const OUT = join(ROOT, 'node_modules', '.cache', 'tke-bench', String(process.pid));

/**
 * Compiles the application into a private folder, as `npm run build` does (tsc with
 * tsconfig.build.json, plus the pages' static files). The shared dist/ is rebuilt (deleted, then
 * written) whenever anyone runs `npm run build` or `npm start`, which would pull files from under
 * a running benchmark; this copy is the one snapshot that every phase measures.
 */
function buildSnapshot() {
  rmSync(OUT, { recursive: true, force: true });
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', OUT], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  cpSync(join(ROOT, 'src', 'pages', 'public'), join(OUT, 'src', 'pages', 'public'), { recursive: true });
  return OUT;
}

function removeSnapshot() {
  rmSync(OUT, { recursive: true, force: true });
}

/** A module of the compiled application, e.g. `dist('api-keys/api-key-format')`. */
function dist(path) {
  return require(join(OUT, 'src', path));
}

module.exports = { ROOT, SNAPSHOT: OUT, buildSnapshot, removeSnapshot, dist };
