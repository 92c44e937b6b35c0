/** Which component a deploy control acts on, and where its REST reads live. */
export interface ComponentRef {
  org: string;
  project: string;
  component: string;
  /** REST base of the component (see componentApi). */
  api: string;
  /** "127.0.0.1:5000/team/hello": image name without tag or digest. */
  repository: string;
  registryHost: string;
}
