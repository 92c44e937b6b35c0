import { COMPONENT_TYPES, isScheduled, isTask, type ComponentType } from '@/lib/component-types';

const known = (type: string): type is ComponentType => (COMPONENT_TYPES as readonly string[]).includes(type);

/** Tasks run to completion: an Execute page instead of runtime logs, "Deployed" instead of "Active". */
export function isTaskType(type: string): boolean {
  return known(type) && isTask(type);
}

export function isScheduledType(type: string): boolean {
  return known(type) && isScheduled(type);
}
