// The floor of bench:console, in a process of its own: bare PGlite (no Next.js, no Gantry)
// opening a data directory, then idle. argv: <pg dir> [settings as JSON]: with settings (db/client.ts's
// PGLITE_SETTINGS) on a directory copied from the build's seed; without, PGlite's defaults
// (initdb into an empty directory, shared_buffers 128 MB).
// Prints one JSON line: { openMs, idleRssMb }.
import { PGlite } from '@electric-sql/pglite';

const [dir, settings] = process.argv.slice(2);
const t0 = performance.now();
const startParams = settings ? [...PGlite.defaultStartParams, ...JSON.parse(settings)] : undefined;
const pg = await PGlite.create(dir, startParams ? { startParams } : {});
await pg.query('select 1');
const openMs = performance.now() - t0;
await new Promise((r) => setTimeout(r, 3000));
console.log(JSON.stringify({ openMs, idleRssMb: process.memoryUsage().rss / 1048576 }));
await pg.close();
