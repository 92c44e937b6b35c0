import type { ComponentPort } from '@/db/schema';

/**
 * The endpoints.yaml a service starts from: one endpoint per port the image exposes,
 * REST on TCP ports (the common case; change the type as needed) and UDP on UDP ports,
 * visible to its own project only until someone decides otherwise.
 */
export function endpointsTemplate(componentName: string, ports: readonly Pick<ComponentPort, 'port' | 'protocol'>[]): string {
  const lines = [
    '# endpoints.yaml: the endpoints this service exposes (Choreo format).',
    '# Hover a key for what it means; Ctrl+Space completes keys and values.',
    'version: 0.1',
  ];
  if (!ports.length) return [...lines, 'endpoints: []', ''].join('\n');
  lines.push('endpoints:');
  ports.forEach((p, i) => {
    const name = ports.length === 1 ? componentName : `${componentName}-${p.port}`;
    lines.push(`  - name: ${name}`, `    port: ${p.port}`);
    if (p.protocol === 'UDP') lines.push('    type: UDP', '    networkVisibility: Project');
    else lines.push('    type: REST', '    networkVisibility: Project', `    context: /${i === 0 ? '' : p.port}`);
  });
  return [...lines, ''].join('\n');
}
