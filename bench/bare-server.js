'use strict';
// The reference: plain node:http answering the same small JSON as GET /health, in its own process
// like the service, so the two are measured under the same conditions.
const { createServer } = require('node:http');

const body = JSON.stringify({ status: 'ok' });
const port = Number(process.argv[2]);

createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}).listen(port, '127.0.0.1');

process.on('SIGTERM', () => process.exit(0));
