import { describe, expect, it } from 'vitest';
import { Deployment } from 'kubernetes-models/apps/v1';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import type { ComponentType, WorkloadSpec } from '../types';
import { isDnsLabel, isLabelValue, LABELS } from './names';
import { redactForDisplay, renderTaskRunJob, renderWorkload, type KubeObject, type RenderOptions } from './render';

// Each model's validate() runs the upstream Kubernetes OpenAPI (JSON) schema of its kind.
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/CronJob': CronJob,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  // The Gateway API's own CRD schema (standard channel), as packaged by kubernetes-models.
  'gateway.networking.k8s.io/v1/HTTPRoute': HTTPRoute,
};

/** Throws unless `object` satisfies its kind's OpenAPI schema. */
function validateSchema(object: KubeObject): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`No schema for ${object.apiVersion}/${object.kind}`);
  new Model(structuredClone(object) as never).validate();
}

const WORKLOAD_LABELS = Object.values(LABELS);

/** Schema validation plus what the schemas leave out: name and label grammar, our labels, namespaces. */
function validateAll(objects: KubeObject[]): void {
  for (const o of objects) {
    validateSchema(o);
    expect(isDnsLabel(o.metadata.name), `${o.kind} name ${o.metadata.name}`).toBe(true);
    for (const [k, v] of Object.entries(o.metadata.labels)) expect(isLabelValue(v), `label ${k}=${v}`).toBe(true);
    const required = o.kind === 'Namespace' ? WORKLOAD_LABELS.filter((l) => l !== LABELS.component && l !== LABELS.release) : WORKLOAD_LABELS;
    for (const key of required) expect(o.metadata.labels, `${o.kind} ${o.metadata.name}`).toHaveProperty([key]);
    expect(o.metadata.labels[LABELS.managedBy]).toBe('gantry');
    if (o.kind !== 'Namespace') expect(o.metadata.namespace).toBe(objects[0].metadata.name);
  }
}

function spec(type: ComponentType, overrides: Partial<WorkloadSpec> = {}): WorkloadSpec {
  return {
    identity: { org: 'acme', project: 'shop', component: 'api', environment: 'production', release: 'rel-01' },
    type,
    image: `registry.example.com/acme/api@sha256:${'a'.repeat(64)}`,
    pullAuth: { kind: 'basic', serverAddress: 'registry.example.com', username: 'robot', password: 'pull-pass-123' },
    ports: [
      { name: 'http', port: 8080, protocol: 'TCP' },
      { name: 'metrics', port: 9090, protocol: 'TCP' },
    ],
    env: { DATABASE_URL: 'postgres://u:db-pass-456@db/app', LOG_LEVEL: 'info' },
    files: [{ path: '/etc/app/config.yaml', content: 'a: 1\n' }],
    health: { httpPath: '/healthz', timeoutSeconds: 3 },
    schedule: type === 'scheduled-task' ? '*/5 * * * *' : undefined,
    command: ['/bin/app'],
    args: ['--serve'],
    ...overrides,
  };
}

const byKind = (objects: KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const one = (objects: KubeObject[], kind: string): any => {
  const found = byKind(objects, kind);
  expect(found, kind).toHaveLength(1);
  return found[0];
};

describe('renderWorkload', () => {
  const types: ComponentType[] = ['service', 'web-app', 'scheduled-task', 'manual-task'];

  for (const type of types) {
    for (const pull of ['basic', 'vendor', 'none'] as const) {
      it(`renders a valid ${type} with ${pull} pull auth`, () => {
        const s = spec(type, { pullAuth: pull === 'basic' ? spec(type).pullAuth : { kind: pull } });
        const objects = renderWorkload(s, { runId: 'run1' });
        validateAll(objects);
        expect(objects[0].kind).toBe('Namespace');
        expect(byKind(objects, 'Secret').filter((o) => o.type === 'kubernetes.io/dockerconfigjson')).toHaveLength(pull === 'basic' ? 1 : 0);
        const workloadKind = { service: 'Deployment', 'web-app': 'Deployment', 'scheduled-task': 'CronJob', 'manual-task': 'Job' }[type];
        expect(objects.at(-1)!.kind).toBe(workloadKind);
        const isServing = workloadKind === 'Deployment';
        expect(byKind(objects, 'Service')).toHaveLength(isServing ? 1 : 0);
        expect(byKind(objects, 'NetworkPolicy')).toHaveLength(isServing ? 1 : 0);
      });
    }
  }

  it('renders a minimal service: no env, files, ports, health or command', () => {
    const objects = renderWorkload(spec('service', { ports: [], env: {}, files: [], health: undefined, command: undefined, args: undefined, pullAuth: { kind: 'none' } }));
    validateAll(objects);
    expect(objects.map((o) => o.kind)).toEqual(['Namespace', 'NetworkPolicy', 'Deployment']);
    const container = one(objects, 'Deployment').spec.template.spec.containers[0];
    expect(container.readinessProbe).toBeUndefined();
    expect(container.envFrom).toBeUndefined();
  });

  it('configures the Deployment rollout, probe, pull secrets, env and files', () => {
    const objects = renderWorkload(spec('web-app'));
    const dep = one(objects, 'Deployment');
    expect(dep.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    expect(dep.spec.selector.matchLabels).toEqual({ [LABELS.managedBy]: 'gantry', [LABELS.component]: 'api' });
    expect(dep.spec.template.metadata.labels[LABELS.release]).toBe('rel-01');
    const pod = dep.spec.template.spec;
    const pullSecret = byKind(objects, 'Secret').find((o) => o.type === 'kubernetes.io/dockerconfigjson')!;
    expect(pod.imagePullSecrets).toEqual([{ name: pullSecret.metadata.name }]);
    expect(pod.automountServiceAccountToken).toBe(false);
    const c = pod.containers[0];
    expect(c.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 8080 });
    expect(c.readinessProbe.timeoutSeconds).toBe(3);
    const envSecret = byKind(objects, 'Secret').find((o) => o.type === 'Opaque')!;
    expect(c.envFrom).toEqual([{ secretRef: { name: envSecret.metadata.name } }]);
    expect(c.env).toBeUndefined();
    const cm = one(objects, 'ConfigMap');
    expect(pod.volumes).toEqual([{ name: 'files', configMap: { name: cm.metadata.name } }]);
    const [mount] = c.volumeMounts;
    expect(mount.mountPath).toBe('/etc/app/config.yaml');
    expect(cm.data[mount.subPath]).toBe('a: 1\n');
  });

  it('falls back to a TCP probe on the first TCP port without an HTTP path', () => {
    const s = spec('service', {
      health: { timeoutSeconds: 2 },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'grpc', port: 9000, protocol: 'TCP' },
      ],
    });
    const objects = renderWorkload(s);
    validateAll(objects);
    const c = one(objects, 'Deployment').spec.template.spec.containers[0];
    expect(c.readinessProbe.tcpSocket).toEqual({ port: 9000 });
    expect(c.readinessProbe.httpGet).toBeUndefined();
    const svc = one(objects, 'Service');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.ports).toEqual([
      { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
      { name: 'grpc', port: 9000, targetPort: 9000, protocol: 'TCP' },
    ]);
  });

  it('gives invalid or duplicate port names valid unique replacements', () => {
    const objects = renderWorkload(
      spec('service', {
        ports: [
          { name: 'HTTP', port: 80, protocol: 'TCP' },
          { name: 'a-very-long-port-name', port: 81, protocol: 'TCP' },
          { name: 'http', port: 82, protocol: 'TCP' },
          { name: 'tcp-81', port: 83, protocol: 'TCP' },
          { name: '1234', port: 84, protocol: 'UDP' },
          { name: 'tcp-86', port: 85, protocol: 'TCP' },
          { name: 'bad!', port: 86, protocol: 'TCP' },
        ],
      }),
    );
    validateAll(objects);
    const names = one(objects, 'Service').spec.ports.map((p: { name: string }) => p.name);
    expect(names).toEqual(['http', 'tcp-81', 'tcp-82', 'tcp-83', 'udp-84', 'tcp-86', 'p2-86']);
  });

  it('never puts env values in the Deployment, CronJob or Job', () => {
    for (const type of ['service', 'scheduled-task', 'manual-task'] as const) {
      const objects = renderWorkload(spec(type));
      const workload = JSON.stringify(objects.at(-1));
      expect(workload).not.toContain('db-pass-456');
      expect(workload).not.toContain('pull-pass-123');
      expect(workload).not.toContain('DATABASE_URL');
      const envSecret = byKind(objects, 'Secret').find((o) => o.type === 'Opaque')!;
      expect(envSecret.stringData).toEqual(spec(type).env);
    }
  });

  it('renders one dockerconfigjson Secret per registry with credentials, never for vendor or none', () => {
    const registries: RenderOptions['registries'] = [
      { kind: 'basic', serverAddress: 'ghcr.io', username: 'bot', password: 'ghcr-pass' },
      { kind: 'basic', serverAddress: 'REGISTRY.example.com', username: 'dup', password: 'dup' },
      { kind: 'basic', serverAddress: 'docker.io', username: 'hub', password: 'hub-pass' },
      { kind: 'vendor' },
      { kind: 'none' },
    ];
    const objects = renderWorkload(spec('service'), { registries });
    validateAll(objects);
    const pull = byKind(objects, 'Secret').filter((o) => o.type === 'kubernetes.io/dockerconfigjson');
    const configs = pull.map((s) => JSON.parse(Buffer.from((s.data as Record<string, string>)['.dockerconfigjson'], 'base64').toString()));
    expect(configs.map((c) => Object.keys(c.auths)[0])).toEqual(['registry.example.com', 'ghcr.io', 'https://index.docker.io/v1/']);
    expect(configs[0].auths['registry.example.com']).toEqual({
      username: 'robot',
      password: 'pull-pass-123',
      auth: Buffer.from('robot:pull-pass-123').toString('base64'),
    });
    expect(new Set(pull.map((s) => s.metadata.name)).size).toBe(3);
    const pod = one(objects, 'Deployment').spec.template.spec;
    expect(pod.imagePullSecrets.map((r: { name: string }) => r.name)).toEqual(pull.map((s) => s.metadata.name));
  });

  it('restricts ingress to the namespace, the organisation, or nobody by visibility', () => {
    const ingress = (visibility?: RenderOptions['visibility']) => {
      const objects = renderWorkload(spec('web-app'), { visibility });
      validateAll(objects);
      return one(objects, 'NetworkPolicy').spec.ingress;
    };
    const ports = [
      { port: 8080, protocol: 'TCP' },
      { port: 9090, protocol: 'TCP' },
    ];
    expect(ingress()).toEqual([{ from: [{ podSelector: {} }], ports }]);
    expect(ingress('project')).toEqual([{ from: [{ podSelector: {} }], ports }]);
    // The organisation's namespaces of the same environment only.
    expect(ingress('organization')).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { [LABELS.managedBy]: 'gantry', [LABELS.org]: 'acme', [LABELS.environment]: 'production' } } }], ports },
    ]);
    expect(ingress('public')).toEqual([{ ports }]);
  });

  it('allows each port by its own endpoints\' visibility: one ingress rule per visibility', () => {
    const s = spec('service', {
      ports: [
        { name: 'http', port: 8080, protocol: 'TCP', visibility: 'public' },
        { name: 'grpc', port: 9000, protocol: 'TCP', visibility: 'organization' },
        { name: 'metrics', port: 9090, protocol: 'TCP', visibility: 'project' },
      ],
    });
    const objects = renderWorkload(s, { visibility: 'public' });
    validateAll(objects);
    expect(one(objects, 'NetworkPolicy').spec.ingress).toEqual([
      { from: [{ podSelector: {} }], ports: [{ port: 9090, protocol: 'TCP' }] },
      { from: [{ namespaceSelector: { matchLabels: { [LABELS.managedBy]: 'gantry', [LABELS.org]: 'acme', [LABELS.environment]: 'production' } } }], ports: [{ port: 9000, protocol: 'TCP' }] },
      { ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
    // The Service carries every port: the policy, not the Service, decides who connects.
    expect(one(objects, 'Service').spec.ports.map((p: { port: number }) => p.port)).toEqual([8080, 9000, 9090]);
  });

  it('routes Public HTTP endpoints through the Gateway with a valid HTTPRoute: stable path, prefix replaced by the context', () => {
    const s = spec('service', {
      ports: [
        { name: 'http', port: 8080, protocol: 'TCP', visibility: 'public' },
        { name: 'metrics', port: 9090, protocol: 'TCP', visibility: 'project' },
      ],
      routes: [
        { port: 8080, context: '/' },
        { port: 8080, context: '/greeter' },
      ],
    });
    const objects = renderWorkload(s);
    validateAll(objects);
    const route = one(objects, 'HTTPRoute');
    expect(objects.map((o) => o.kind).slice(-3)).toEqual(['Service', 'HTTPRoute', 'Deployment']);
    expect(route.metadata.name).toBe(one(objects, 'Service').metadata.name);
    expect(route.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gantry', namespace: 'gantry-system' }]);
    expect(route.spec.rules).toEqual([
      {
        matches: [{ path: { type: 'PathPrefix', value: '/acme/shop/api/production/greeter' } }],
        filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/greeter' } } }],
        backendRefs: [{ name: 'api', port: 8080 }],
      },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/acme/shop/api/production' } }],
        filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
        backendRefs: [{ name: 'api', port: 8080 }],
      },
    ]);
    // Another Gateway, one listener; or none at all (a cluster without the Gateway API).
    const other = one(renderWorkload(s, { gateway: { name: 'edge', namespace: 'infra', sectionName: 'https' } }), 'HTTPRoute');
    expect(other.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', namespace: 'infra', sectionName: 'https' }]);
    expect(byKind(renderWorkload(s, { gateway: null }), 'HTTPRoute')).toEqual([]);
    // No Public HTTP endpoint, no route.
    expect(byKind(renderWorkload(spec('service')), 'HTTPRoute')).toEqual([]);
  });

  it('the schema check is real: an HTTPRoute with a bad path type fails it', () => {
    const route = one(renderWorkload(spec('service', { routes: [{ port: 8080, context: '/' }] })), 'HTTPRoute');
    expect(() => validateSchema(route)).not.toThrow();
    route.spec.rules[0].matches[0].path.type = 'Prefix';
    expect(() => validateSchema(route)).toThrow(/type/);
    route.spec.rules[0].matches[0].path.type = 'PathPrefix';
    route.spec.rules[0].backendRefs[0].port = 70000;
    expect(() => validateSchema(route)).toThrow(/port/);
  });

  it('renders the CronJob schedule, concurrency policy and time zone', () => {
    const objects = renderWorkload(spec('scheduled-task'), { timeZone: 'Europe/Berlin' });
    validateAll(objects);
    const cron = one(objects, 'CronJob');
    expect(cron.spec).toMatchObject({ schedule: '*/5 * * * *', concurrencyPolicy: 'Forbid', timeZone: 'Europe/Berlin' });
    expect(cron.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Never');
    expect(cron.spec.jobTemplate.spec.template.spec.containers[0].readinessProbe).toBeUndefined();
    expect(() => renderWorkload(spec('scheduled-task', { schedule: undefined }))).toThrow(/schedule/);
  });

  it('renders a scheduled task\'s settings into a valid CronJob: zone, policy, deadline, suspend, timeout, history limits', () => {
    const task = { timeZone: 'Europe/Berlin', concurrencyPolicy: 'Replace' as const, startingDeadlineSeconds: 120, timeoutSeconds: 900, suspend: true };
    const objects = renderWorkload(spec('scheduled-task', { schedule: '30 2 * * *', task }));
    validateAll(objects);
    const cron = one(objects, 'CronJob');
    expect(cron.spec).toMatchObject({
      schedule: '30 2 * * *',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Replace',
      startingDeadlineSeconds: 120,
      suspend: true,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
    });
    expect(cron.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 900 });
    // Defaults: one hour, Forbid, 300 s, running.
    expect(one(renderWorkload(spec('scheduled-task')), 'CronJob').spec).toMatchObject({ concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 300, suspend: false, jobTemplate: { spec: { activeDeadlineSeconds: 3600 } } });
  });

  it('renders one run of a task as a valid Job: its arguments replace CMD, backoffLimit 0, activeDeadlineSeconds, ttlSecondsAfterFinished', () => {
    const objects = renderTaskRunJob(spec('scheduled-task'), { runId: 'a1b2c3', args: ['--since', 'yesterday'], timeoutSeconds: 600 }, { jobTtlSeconds: 3600 });
    validateAll(objects);
    const job = one(objects, 'Job');
    expect(job.metadata.name).toBe('api-a1b2c3');
    expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 3600 });
    const container = job.spec.template.spec.containers[0];
    expect(container.args).toEqual(['--since', 'yesterday']);
    expect(container.command).toEqual(['/bin/app']);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(objects.some((o) => o.kind === 'CronJob')).toBe(false);
  });

  it('names manual-task Jobs with the run id and sets a TTL', () => {
    const a = one(renderWorkload(spec('manual-task'), { runId: 'x1y2z3' }), 'Job');
    const b = one(renderWorkload(spec('manual-task'), { runId: 'Run_With-Odd chars and far too long' }), 'Job');
    expect(a.metadata.name).toBe('api-x1y2z3');
    expect(b.metadata.name).toMatch(/^api-[a-z0-9]{12}$/);
    expect(isDnsLabel(b.metadata.name)).toBe(true);
    expect(a.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
    expect(one(renderWorkload(spec('manual-task'), { jobTtlSeconds: 60 }), 'Job').spec.ttlSecondsAfterFinished).toBe(60);
  });

  it('keeps long and odd names valid, short and deterministic', () => {
    const long = 'x'.repeat(63);
    const s = spec('scheduled-task', {
      identity: { org: `${long.slice(0, 60)}-org`, project: long, component: `9${long.slice(1)}`, environment: long, release: 'r' },
    });
    const objects = renderWorkload(s, { runId: 'r1', namespacePrefix: 'tenant-' });
    validateAll(objects);
    const ns = objects[0].metadata.name;
    expect(ns.length).toBeLessThanOrEqual(63);
    expect(ns.startsWith('tenant-')).toBe(true);
    expect(renderWorkload(s, { runId: 'r1', namespacePrefix: 'tenant-' })[0].metadata.name).toBe(ns);
    // A CronJob name must leave room for the 11 characters Kubernetes appends to its Jobs.
    expect(one(objects, 'CronJob').metadata.name.length).toBeLessThanOrEqual(52);
    expect(one(objects, 'CronJob').metadata.name).toMatch(/^c-9x+-[a-z0-9]{10}$/);
    validateAll(renderWorkload({ ...s, type: 'manual-task' }, { runId: 'r1' }));
  });

  it('never maps two (org, project, environment) triples that join alike to one namespace', () => {
    const ns = (org: string, project: string) => renderWorkload(spec('service', { identity: { ...spec('service').identity, org, project } }))[0].metadata.name;
    expect(ns('acme-corp', 'shop')).not.toBe(ns('acme', 'corp-shop'));
    expect(ns('acme', 'shop')).toMatch(/^gantry-acme-shop-production-[a-z0-9]{13}$/);
  });

  it('sanitises label values and keeps them distinct', () => {
    const s = spec('service', {
      identity: { org: 'Acme Corp!', project: '-shop-', component: 'api', environment: 'prod/eu', release: `rel_${'9'.repeat(80)}.` },
    });
    const objects = renderWorkload(s);
    validateAll(objects);
    const labels = one(objects, 'Deployment').metadata.labels;
    expect(labels[LABELS.org]).toMatch(/^Acme-Corp-[a-z0-9]{10}$/);
    expect(labels[LABELS.project]).toMatch(/^shop-[a-z0-9]{10}$/);
    expect(labels[LABELS.environment]).toMatch(/^prod-eu-[a-z0-9]{10}$/);
    expect(labels[LABELS.release].length).toBeLessThanOrEqual(63);
    const other = renderWorkload({ ...s, identity: { ...s.identity, org: 'Acme Corp?' } });
    expect(one(other, 'Deployment').metadata.labels[LABELS.org]).not.toBe(labels[LABELS.org]);
  });

  it('names env and files objects per release so a failed rollout leaves the old ones untouched', () => {
    const names = (release: string) =>
      renderWorkload(spec('service', { identity: { ...spec('service').identity, release } }))
        .filter((o) => o.kind === 'ConfigMap' || o.type === 'Opaque')
        .map((o) => o.metadata.name);
    expect(names('r1')).toHaveLength(2);
    expect(names('r1')).toEqual(names('r1'));
    expect(names('r1')).not.toEqual(names('r2'));
  });

  it('rejects what Kubernetes would refuse', () => {
    expect(() => renderWorkload(spec('service', { env: { 'BAD KEY': 'x' } }))).toThrow(/Environment variable names/);
    expect(() => renderWorkload(spec('service', { files: [{ path: 'relative.txt', content: '' }] }))).toThrow(/absolute/);
    expect(() => renderWorkload(spec('service', { files: [{ path: '/a/../b', content: '' }] }))).toThrow(/absolute/);
    expect(() =>
      renderWorkload(spec('service', { files: [{ path: '/a', content: '' }, { path: '/a', content: '' }] })),
    ).toThrow(/twice/);
    expect(() => renderWorkload(spec('service', { ports: [{ name: 'x', port: 70000, protocol: 'TCP' }] }))).toThrow(/65535/);
    expect(() => renderWorkload(spec('service'), { namespacePrefix: 'Bad_' })).toThrow(/prefix/);
    expect(() => renderWorkload(spec('service', { health: { httpPath: 'healthz', timeoutSeconds: 1 } }))).toThrow(/start with/);
  });
});

describe('schema validation', () => {
  it('bites on a deliberately broken object', () => {
    const objects = renderWorkload(spec('service'));
    const dep = structuredClone(objects.find((o) => o.kind === 'Deployment')!) as KubeObject & { spec: { selector?: unknown; template: { spec: { containers: { containerPort?: unknown; ports: { containerPort: unknown }[] }[] } } } };
    expect(() => validateSchema(dep)).not.toThrow();
    delete dep.spec.selector;
    expect(() => validateSchema(dep)).toThrow(/selector/);
    const badPort = structuredClone(objects.find((o) => o.kind === 'Deployment')!) as typeof dep;
    badPort.spec.template.spec.containers[0].ports[0].containerPort = '8080';
    expect(() => validateSchema(badPort)).toThrow(/containerPort/);
    const badSecret = { ...objects.find((o) => o.type === 'Opaque')!, stringData: { A: 1 } } as unknown as KubeObject;
    expect(() => validateSchema(badSecret)).toThrow(/stringData/);
  });
});

describe('redactForDisplay', () => {
  it('replaces every Secret value and leaves everything else alone', () => {
    const objects = renderWorkload(spec('service'));
    const shown = redactForDisplay(objects);
    const text = JSON.stringify(shown);
    for (const secret of ['db-pass-456', 'pull-pass-123', 'postgres://', Buffer.from('robot:pull-pass-123').toString('base64')]) {
      expect(text).not.toContain(secret);
    }
    const envSecret = shown.find((o) => o.type === 'Opaque')!;
    expect(envSecret.stringData).toEqual({ DATABASE_URL: '<redacted>', LOG_LEVEL: '<redacted>' });
    const pull = shown.find((o) => o.type === 'kubernetes.io/dockerconfigjson')!;
    expect(pull.data).toEqual({ '.dockerconfigjson': '<redacted>' });
    expect(shown.find((o) => o.kind === 'Deployment')).toEqual(objects.find((o) => o.kind === 'Deployment'));
    expect(JSON.stringify(objects)).toContain('db-pass-456'); // the input is not modified
  });
});
