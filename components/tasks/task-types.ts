/** Component types that run to completion: they have an Execute page instead of runtime logs. */
export function isTaskType(type: string): type is 'scheduled-task' | 'manual-task' {
  return type === 'scheduled-task' || type === 'manual-task';
}
