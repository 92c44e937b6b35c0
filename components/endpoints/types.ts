/** What the endpoints REST routes answer, as the browser sees it (dates as strings). */
export interface EndpointView {
  name: string;
  displayName?: string;
  port: number;
  type: string;
  visibilities: ('Project' | 'Organization' | 'Public')[];
  context?: string;
  schemaFile?: string;
}

export interface EndpointsView {
  applies?: boolean;
  saved: boolean;
  yaml: string;
  format: 'endpoints.yaml' | 'component.yaml';
  endpoints: EndpointView[];
  exposedPorts?: number[];
  schemaFiles: string[];
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface SchemaFileView {
  name: string;
  kind: 'openapi' | 'graphql';
  size: number;
  summary: { spec: string; title?: string; version?: string; operations: { method: string; path: string; summary?: string }[]; types: { name: string; kind: string }[] };
  updatedAt: string;
  updatedBy: string;
}

export interface SpecProblemView {
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Where the endpoints editor of a component lives. */
export function endpointsEditorHref(org: string, project: string, component: string) {
  return `/o/${org}/projects/${project}/components/${component}/deploy/endpoints`;
}
