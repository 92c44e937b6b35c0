/**
 * An address of this host that containers reach, for a test resource served from the host
 * (a throwaway Postgres cluster). 127.0.0.1 is the container's own loopback, and a bridge's
 * gateway address exists only while a container is attached to that bridge (netavark removes
 * the interface with the last container), so the test gets a network of its own with one
 * idle "anchor" container: its gateway address stays up until stop(). Containers on other
 * bridges reach it too — the host routes to its own addresses.
 */
import { randomBytes } from 'node:crypto';
import { buildTestImage, podman } from './images';

export async function hostAddressForContainers() {
  const name = `gantry-test-anchor-${randomBytes(4).toString('hex')}`;
  await podman(['network', 'create', '--label', 'gantry.test-anchor=true', name]);
  try {
    const image = await buildTestImage({ message: 'anchor', variant: 'never-listen' });
    await podman(['run', '-d', '--name', name, '--network', name, '--label', 'gantry.test-anchor=true', image]);
    const address = (await podman(['network', 'inspect', '-f', '{{range .Subnets}}{{.Gateway}}{{end}}', name])).stdout.trim();
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(address)) throw new Error(`The anchor network has no IPv4 gateway: "${address}"`);
    return { address, stop: () => removeAnchor(name) };
  } catch (e) {
    await removeAnchor(name);
    throw e;
  }
}

async function removeAnchor(name: string) {
  await podman(['rm', '-f', '-t', '0', name]).catch(() => {});
  await podman(['network', 'rm', '-f', name]).catch(() => {});
}
