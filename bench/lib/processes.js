'use strict';
const { spawn } = require('node:child_process');
const { closeSync, openSync, readFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { ROOT } = require('./build');

const running = new Set();

// A benchmark interrupted half-way must not leave servers behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node <script>` with its output appended to `logFile`, and resolves once `readyPath`
 * answers 200. The process is started directly (not through npm) so its pid is the server's.
 */
async function startProcess({ script, args = [], env, logFile, port, readyPath, timeoutMs = 90_000 }) {
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  running.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.once('exit', () => running.delete(child));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let early;
  void exited.then((status) => (early = status));
  for (;;) {
    if (early) throw new Error(`${script} exited during start-up (${JSON.stringify(early)}); see its log:\n${tail(logFile)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} was not ready within ${timeoutMs} ms; see its log:\n${tail(logFile)}`);
    }
    try {
      if ((await fetch(base + readyPath)).status === 200) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    pid: child.pid,
    base,
    /** VmHWM (peak resident set) and VmRSS of the process, in MiB. */
    memory: () => memoryOf(child.pid),
    /** SIGTERM (the service closes the server, the pool and the embedded database), then waits. */
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const status = await exited;
      clearTimeout(timer);
      return status;
    },
  };
}

function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { peakRssMiB: kib('VmHWM') / 1024, rssMiB: kib('VmRSS') / 1024 };
}

// The service never logs credentials, so its log is safe to show when it fails to start.
function tail(file, lines = 20) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

module.exports = { freePort, startProcess };
