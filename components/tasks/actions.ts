'use server';

import { withPath } from '@/lib/http/with-path';
import { action } from '@/lib/http/action';
import { runTask } from '@/lib/services/tasks/run-task';
import { setSchedule } from '@/lib/services/tasks/set-schedule';
import { setSchedulePaused } from '@/lib/services/tasks/set-schedule-paused';
import { stopExecution } from '@/lib/services/tasks/stop-execution';

// Path identifiers go inside the verb's input (the contract the task verbs use); the verb
// checks the organisation, the role and every field.

/** Run Now / Run with Arguments: `{ environment?, args? }`. */
export async function runTaskAction(org: string, project: string, component: string, input: { environment?: string; args?: string[] }) {
  return action((ctx) => runTask(ctx, withPath(input, { org, project, component })));
}

/** Stop a queued or running execution. */
export async function stopExecutionAction(org: string, project: string, component: string, id: string) {
  return action((ctx) => stopExecution(ctx, { org, project, component, id }));
}

/** Set (or change) a scheduled task's schedule in one environment. */
export async function setScheduleAction(org: string, project: string, component: string, environment: string, input: { cron: string; timeZone: string; concurrencyPolicy?: 'Forbid' | 'Allow' | 'Replace' }) {
  return action((ctx) => setSchedule(ctx, withPath(input, { org, project, component, environment })));
}

/** Pause or resume a schedule. */
export async function setSchedulePausedAction(org: string, project: string, component: string, environment: string, paused: boolean) {
  return action((ctx) => setSchedulePaused(ctx, { org, project, component, environment, paused }));
}
