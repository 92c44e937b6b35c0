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

/** Listens on ports and is health-checked: services and web apps. */
export function isLongRunning(type: ComponentType): boolean {
  return COMPONENT_TYPE_INFO[type].longRunning;
}

/** A task: runs to completion, as executions. */
export function isTask(type: ComponentType): boolean {
  return COMPONENT_TYPE_INFO[type].runToCompletion;
}

/** A task that runs on a schedule. */
export function isScheduled(type: ComponentType): boolean {
  return COMPONENT_TYPE_INFO[type].scheduled;
}
