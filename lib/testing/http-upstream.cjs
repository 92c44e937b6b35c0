// An HTTP upstream for gateway tests, in a process of its own as a container's server is: it
// answers "<name> <path>" (keep-alive on), reports its port, closes on the message "close"
// (answering "closed" once its last connection ended) and exits when its parent goes.
// Kept out of the test process: with the upstream and the looping clients in one Node process,
// a switch test stalled about once in 30 runs with answers unread in that process's own sockets.
const http = require('node:http');

const name = process.argv[2];
const server = http.createServer((req, res) => res.end(`${name} ${req.url}`));
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
process.on('message', (m) => {
  if (m !== 'close') return;
  server.close(() => process.send('closed'));
  server.closeIdleConnections();
});
process.on('disconnect', () => process.exit(0));
