import { z } from 'zod';
import { pipelineRunStatuses, pipelineStepStatuses } from '@/db/schema';
import { createPipelineInput, setInputInput, updatePipelineInput } from '@/lib/services/pipelines/schemas';
import { describe, orgParams } from './registry';

const tags = ['pipelines'];
const pipelineParams = orgParams.extend({ pipeline: z.string().describe('Pipeline name') });
const runParams = pipelineParams.extend({ run: z.string().describe('Run id or number') });
const inputParams = pipelineParams.extend({ name: z.string().describe('Variable or secret name') });

const pipelineView = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  description: z.string(),
  source: z.object({ kind: z.enum(['inline', 'git']) }).passthrough(),
  version: z.number().int(),
  yaml: z.string().nullable(),
  parameters: z.array(z.object({ name: z.string(), displayName: z.string().optional(), description: z.string().optional(), default: z.string().optional(), enum: z.array(z.string()).optional() })),
  variables: z.array(z.object({ name: z.string(), value: z.string() })),
  secrets: z.array(z.string()).describe('Names only: values are write-only'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const run = z.object({
  id: z.string(),
  number: z.number().int(),
  version: z.number().int(),
  commit: z.string().nullable().describe('The commit a Git pipeline ran its file at'),
  status: z.enum(pipelineRunStatuses),
  parameters: z.record(z.string(), z.string()),
  trigger: z.string(),
  triggeredBy: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  stopRequested: z.boolean(),
});
const step = z.object({
  id: z.string(),
  stepId: z.string(),
  name: z.string(),
  group: z.number().int(),
  index: z.number().int(),
  attempt: z.number().int(),
  status: z.enum(pipelineStepStatuses),
  exitCode: z.number().int().nullable(),
  message: z.string().nullable(),
  outputs: z.record(z.string(), z.unknown()),
  secretOutputs: z.array(z.string()).describe('Names of the secret outputs (secret: true) this attempt set; values are never returned'),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
const logLine = z.object({ seq: z.number().int(), stream: z.enum(['stdout', 'stderr']), text: z.string(), at: z.string() });
const version = z.object({ version: z.number().int(), gitCommit: z.string().nullable(), createdBy: z.string(), createdAt: z.string() });

describe({ method: 'get', path: '/api/v1/orgs/{org}/pipelines', summary: 'Automation pipelines', tags, params: orgParams, response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), displayName: z.string(), description: z.string(), source: z.string(), version: z.number().int() })) }) });
describe({ method: 'post', path: '/api/v1/orgs/{org}/pipelines', summary: 'Create a pipeline from YAML or import it from Git (https; the file at the branch head; credentials write-only) as version 1; YAML errors are a 422 whose details.errors carry line and column', tags, params: orgParams, body: createPipelineInput.omit({ org: true }), status: 201, response: pipelineView });
describe({ method: 'get', path: '/api/v1/orgs/{org}/pipelines/{pipeline}', summary: 'One pipeline: current version and YAML, parameters, variables, secret names', tags, params: pipelineParams, response: pipelineView });
describe({ method: 'patch', path: '/api/v1/orgs/{org}/pipelines/{pipeline}', summary: 'Save an edit: new YAML is Version + 1', tags, params: pipelineParams, body: updatePipelineInput.omit({ org: true, pipeline: true }), response: pipelineView });
describe({ method: 'delete', path: '/api/v1/orgs/{org}/pipelines/{pipeline}', summary: 'Delete a pipeline and its runs (refused while a run is live)', tags, params: pipelineParams, status: 204 });
describe({ method: 'get', path: '/api/v1/orgs/{org}/pipelines/{pipeline}/versions', summary: 'Saved versions, newest first', tags, params: pipelineParams, response: z.object({ items: z.array(version) }) });
describe({ method: 'get', path: '/api/v1/orgs/{org}/pipelines/{pipeline}/versions/{version}', summary: 'One saved version with its YAML', tags, params: pipelineParams.extend({ version: z.string() }), response: version.extend({ yaml: z.string() }) });
describe({ method: 'get', path: '/api/v1/orgs/{org}/pipelines/{pipeline}/argo', summary: 'The Argo Workflow (argoproj.io/v1alpha1) the current version compiles to, with its ServiceAccount, Role and Secret (values redacted), as YAML', tags, params: pipelineParams, response: z.object({ yaml: z.string(), secretKeys: z.array(z.string()) }) });
describe({ method: 'put', path: '/api/v1/orgs/{org}/pipelines/{pipeline}/variables/{name}', summary: 'Set a plain variable ({{VARIABLES.NAME}})', tags, params: inputParams, body: setInputInput.pick({ value: true }), response: z.object({ name: z.string(), value: z.string() }) });
describe({ method: 'delete', path: '/api/v1/orgs/{org}/pipelines/{pipeline}/variables/{name}', summary: 'Delete a variable', tags, params: inputParams, status: 204 });
describe({ method: 'put', path: '/api/v1/orgs/{org}/pipelines/{pipeline}/secrets/{name}', summary: 'Set a secret ({{SECRETS.NAME}}): stored encrypted, write-only, masked in logs', tags, params: inputParams, body: setInputInput.pick({ value: true }), response: z.object({ name: z.string() }) });
describe({ method: 'delete', path: '/api/v1/orgs/{org}/pipelines/{pipeline}/secrets/{name}', summary: 'Delete a secret', tags, params: inputParams, status: 204 });
describe({ method: 'get', path: '/api/v1/orgs/{org}/pipelines/{pipeline}/runs', summary: 'Runs, newest first (?limit)', tags, params: pipelineParams, query: z.object({ limit: z.string().optional() }), response: z.object({ items: z.array(run) }) });
describe({ method: 'post', path: '/api/v1/orgs/{org}/pipelines/{pipeline}/runs', summary: 'Start New Run with parameters (defaults filled in, enum checked)', tags, params: pipelineParams, body: z.strictObject({ parameters: z.record(z.string(), z.string()).optional() }), status: 202, response: z.object({ id: z.string(), number: z.number().int(), status: z.enum(pipelineRunStatuses) }) });
describe({ method: 'get', path: '/api/v1/orgs/{org}/pipelines/{pipeline}/runs/{run}', summary: 'One run with its step attempts', tags, params: runParams, response: run.extend({ steps: z.array(step) }) });
describe({ method: 'post', path: '/api/v1/orgs/{org}/pipelines/{pipeline}/runs/{run}/stop', summary: 'Stop Run: running steps stopped within the grace period, pending ones skipped', tags, params: runParams, status: 202, response: run });
describe({
  method: 'get',
  path: '/api/v1/orgs/{org}/pipelines/{pipeline}/runs/{run}/steps/{step}/logs',
  summary: "A step's stored log (secrets masked; latest attempt unless ?attempt=N); ?follow=1 streams Server-Sent Events until the step ends",
  tags,
  params: runParams.extend({ step: z.string().describe('Step id (slug) or step attempt id') }),
  query: z.object({ follow: z.string().optional(), attempt: z.string().optional() }),
  response: z.object({ lines: z.array(logLine), done: z.boolean() }),
});
