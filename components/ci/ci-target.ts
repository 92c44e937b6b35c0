/** The component the External CI controls act on. */
export interface CiTarget {
  org: string;
  project: string;
  component: string;
  /** Its display name, for sentences. */
  componentLabel: string;
}
