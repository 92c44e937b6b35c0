/**
 * What each component type means, in one place. Client-safe (no imports), so services,
 * drivers and pages all ask the same questions instead of comparing type names.
 */

export const COMPONENT_TYPES = ['service', 'web-app', 'scheduled-task', 'manual-task'] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

export interface ComponentTypeInfo {
  /** Long-running: listens on ports, is health-checked, exposes endpoints. */
  longRunning: boolean;
  /** Runs to completion (a task): each run is an execution with an exit code and its own logs. */
  runToCompletion: boolean;
  /** Runs on a schedule (cron) besides on demand. */
  scheduled: boolean;
  label: string;
}

export const COMPONENT_TYPE_INFO: Record<ComponentType, ComponentTypeInfo> = {
  service: { longRunning: true, runToCompletion: false, scheduled: false, label: 'Service' },
  'web-app': { longRunning: true, runToCompletion: false, scheduled: false, label: 'Web Application' },
  'scheduled-task': { longRunning: false, runToCompletion: true, scheduled: true, label: 'Scheduled Task' },
  'manual-task': { longRunning: false, runToCompletion: true, scheduled: false, label: 'Manual Task' },
};

// The questions take any string: a type this build does not know (an older row, a typo in a
// request) is none of these, instead of a crash.
const info = (type: string): ComponentTypeInfo | undefined => (COMPONENT_TYPE_INFO as Record<string, ComponentTypeInfo | undefined>)[type];

/** Listens on ports, is health-checked and exposes endpoints: services and web apps. */
export function isLongRunning(type: string): boolean {
  return info(type)?.longRunning ?? false;
}

/** A task: runs to completion, as executions (an Execute page; "Deployed", never "Active"). */
export function isTask(type: string): boolean {
  return info(type)?.runToCompletion ?? false;
}

/** A task that runs on a schedule. */
export function isScheduled(type: string): boolean {
  return info(type)?.scheduled ?? false;
}

/** A task that runs only on demand (each run its own Job on Kubernetes). */
export function isManualTask(type: string): boolean {
  return isTask(type) && !isScheduled(type);
}
