import type { PlaneRow } from './drivers';
import type { DataPlaneDriver } from './types';

type DriverFor = (plane: PlaneRow) => Promise<DataPlaneDriver>;
const g = globalThis as unknown as { __gantryDrivers?: DriverFor };

/** The process's driver factory, registered at start-up (or by a test). */
export function registerDrivers(driverFor: DriverFor) {
  g.__gantryDrivers = driverFor;
}

export function driverForPlane(plane: PlaneRow): Promise<DataPlaneDriver> {
  if (!g.__gantryDrivers) throw new Error('No data-plane drivers are registered in this process.');
  return g.__gantryDrivers(plane);
}
