import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReleaseWorkload } from '@/db/schema';
import { resetConfigForTests } from '@/lib/config';
import { endpointAddresses } from './addresses';

// What the environment cards and the Endpoint pane show for each endpoint: the public URL
// through the gateway, the in-network address, and the host port only where it is published.

const workload: ReleaseWorkload = {
  ports: [
    { name: 'http', port: 8080, protocol: 'TCP' },
    { name: 'admin', port: 9000, protocol: 'TCP' },
  ],
  healthPath: null,
  task: null,
  endpoints: [
    { name: 'web', port: 8080, type: 'REST', visibilities: ['Public'], context: '/greeter' },
    { name: 'ops', port: 9000, type: 'REST', visibilities: ['Project'], context: '/' },
  ],
};
const where = { org: 'acme', project: 'shop', component: 'api', env: 'development' };

let saved: string | undefined;
beforeEach(() => {
  saved = process.env.GANTRY_GATEWAY_LISTEN;
  process.env.GANTRY_GATEWAY_LISTEN = '127.0.0.1:8088';
  resetConfigForTests();
});
afterEach(() => {
  if (saved === undefined) delete process.env.GANTRY_GATEWAY_LISTEN;
  else process.env.GANTRY_GATEWAY_LISTEN = saved;
  resetConfigForTests();
});

describe('endpointAddresses', () => {
  it('docker: a Public endpoint has its gateway URL, its in-network address and its host port; a Project endpoint only its in-network address', () => {
    const out = endpointAddresses({
      ...where,
      driver: 'docker',
      workload,
      endpoints: [
        { name: 'http', url: 'http://127.0.0.1:41234', networkUrl: 'http://api.shop:8080' },
        { name: 'admin', url: 'http://api.shop:9000', networkUrl: 'http://api.shop:9000' },
      ],
    });
    expect(out).toEqual([
      { name: 'web', type: 'REST', visibilities: ['Public'], context: '/greeter', publicUrl: 'http://127.0.0.1:8088/acme/shop/api/development/greeter', networkUrl: 'http://api.shop:8080/greeter', hostUrl: 'http://127.0.0.1:41234/greeter' },
      { name: 'ops', type: 'REST', visibilities: ['Project'], context: '/', publicUrl: null, networkUrl: 'http://api.shop:9000', hostUrl: null },
    ]);
  });

  it('docker, a deployment recorded before in-network names: its URL was on the host', () => {
    const [web] = endpointAddresses({ ...where, driver: 'docker', workload, endpoints: [{ name: 'http', url: 'http://127.0.0.1:41234' }] });
    expect(web).toMatchObject({ networkUrl: null, hostUrl: 'http://127.0.0.1:41234/greeter' });
  });

  it('kubernetes: the in-cluster Service URL is the in-network address; no gateway URL, no host port', () => {
    const [web] = endpointAddresses({ ...where, driver: 'kubernetes', workload, endpoints: [{ name: 'http', url: 'http://api.gantry-acme-shop-development.svc.cluster.local:8080' }] });
    expect(web).toMatchObject({ publicUrl: null, networkUrl: 'http://api.gantry-acme-shop-development.svc.cluster.local:8080/greeter', hostUrl: null });
  });

  it('nothing recorded yet (not answered): no addresses but the public URL, which does not depend on the rollout', () => {
    const [web, ops] = endpointAddresses({ ...where, driver: 'docker', workload, endpoints: null });
    expect(web).toMatchObject({ publicUrl: 'http://127.0.0.1:8088/acme/shop/api/development/greeter', networkUrl: null, hostUrl: null });
    expect(ops).toMatchObject({ publicUrl: null, networkUrl: null, hostUrl: null });
  });

  it('the gateway off: no public URL', () => {
    process.env.GANTRY_GATEWAY_LISTEN = 'off';
    resetConfigForTests();
    expect(endpointAddresses({ ...where, driver: 'docker', workload, endpoints: null })[0].publicUrl).toBeNull();
  });
});
