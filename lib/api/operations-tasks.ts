import { z } from 'zod';
import { scheduleInputSchema } from '@/lib/schedule';
import { argsSchema } from '@/lib/services/tasks/schemas';
import { EXECUTION_STATUSES, EXECUTION_TRIGGERS } from '@/lib/services/tasks/types';
import { describe, projectParams } from './registry';

const componentParams = projectParams.extend({ component: z.string().describe('Component name (a scheduled or manual task)') });
const executionParams = componentParams.extend({ id: z.string().describe('Execution id') });
const envParams = componentParams.extend({ env: z.string().describe('Environment name') });
const tags = ['tasks'];

const execution = z.object({
  id: z.string(),
  number: z.number().int(),
  environment: z.string(),
  status: z.enum(EXECUTION_STATUSES),
  exitCode: z.number().int().nullable(),
  reason: z.string().nullable(),
  trigger: z.enum(EXECUTION_TRIGGERS),
  scheduledFor: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  args: z.array(z.string()),
  release: z.object({ id: z.string(), image: z.string(), digest: z.string() }),
});
const schedule = z.object({
  cron: z.string(),
  timeZone: z.string(),
  concurrencyPolicy: z.enum(['Forbid', 'Allow', 'Replace']),
  startingDeadlineSeconds: z.number().int(),
  paused: z.boolean(),
  description: z.string(),
  nextRuns: z.array(z.string()).describe('The next 5 run times (ISO), empty while paused'),
  lastRun: execution.nullable(),
});
const logLine = z.object({ seq: z.number().int(), stream: z.enum(['stdout', 'stderr']), text: z.string(), at: z.string() });

describe({
  method: 'post',
  path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/executions',
  summary: 'Run Now / Run with Arguments: the arguments replace the image CMD (an ENTRYPOINT receives them); default environment: the first with an active release',
  tags,
  params: componentParams,
  body: z.strictObject({ environment: z.string().optional(), args: argsSchema.optional() }),
  status: 202,
  response: z.object({ id: z.string(), number: z.number().int(), status: z.enum(EXECUTION_STATUSES) }),
});
describe({
  method: 'get',
  path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/executions',
  summary: 'Execution history, newest first, with the count over the last 30 days',
  tags,
  params: componentParams,
  query: z.object({ environment: z.string().optional(), cursor: z.string().optional(), limit: z.string().optional() }),
  response: z.object({ items: z.array(execution), last30Days: z.number().int(), nextCursor: z.string().nullable() }),
});
describe({ method: 'get', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/executions/{id}', summary: 'One execution', tags, params: executionParams, response: execution });
describe({
  method: 'get',
  path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/executions/{id}/logs',
  summary: 'Stored log of an execution (kept after its container is removed); ?follow=1 streams Server-Sent Events (one event per line, id = its seq; a reconnect resumes after Last-Event-ID) and an `end` event when it finishes',
  tags,
  params: executionParams,
  query: z.object({ follow: z.string().optional() }),
  response: z.object({ lines: z.array(logLine), done: z.boolean() }),
});
describe({ method: 'post', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/executions/{id}/stop', summary: 'Stop a queued or running execution (SIGTERM, then SIGKILL after the grace period)', tags, params: executionParams, status: 202, response: execution });
describe({ method: 'get', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/environments/{env}/schedule', summary: 'The schedule of a scheduled task in an environment, with the next 5 runs', tags, params: envParams, response: schedule });
describe({
  method: 'put',
  path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/environments/{env}/schedule',
  summary: 'Set the schedule (Kubernetes CronJob cron subset: 5 fields or @hourly…@yearly; exact IANA time zone); paused pauses or resumes',
  tags,
  params: envParams,
  body: scheduleInputSchema.extend({ paused: z.boolean().optional() }),
  response: schedule,
});
