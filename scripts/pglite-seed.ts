// Run by `npm run build` after `next build`: an initialised, migrated, empty embedded database
// in .next/pglite-seed, which a first start on an empty data directory copies instead of
// running initdb (db/client.ts). Made here, on this machine, from this build's migrations.
import { pgliteSeedDir, writePgliteSeed } from '@/db/client';

const t0 = performance.now();
writePgliteSeed().then(
  () => console.log(`embedded database seed written to ${pgliteSeedDir()} in ${((performance.now() - t0) / 1000).toFixed(1)} s`),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
