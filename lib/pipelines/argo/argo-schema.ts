/**
 * Validation of compiled Workflows against Argo's own published JSON schema (argo-workflows
 * v4.1.2 `api/jsonschema/schema.json`, a copy in ./fixtures). Used by the tests: the
 * `@kubernetes-models/argo-workflows` package has known schema bugs (research note, pitfall 3).
 *
 * Argo's schema leaves `additionalProperties` open, as Kubernetes' lax decoding does. We close
 * it on every object definition that lists its properties, as the API server does with strict
 * field validation (`kubectl apply --validate=strict`): a misspelt field is an error here,
 * not silently dropped on the cluster.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';

export const ARGO_SCHEMA_VERSION = 'v4.1.2';
const schemaFile = path.join(__dirname, 'fixtures', `argo-workflows-${ARGO_SCHEMA_VERSION}.schema.json`);

type Schema = { definitions: Record<string, Record<string, unknown>>; [k: string]: unknown };

let validator: ((doc: unknown) => string[]) | undefined;

export function validateArgoWorkflow(doc: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Schema;
    for (const def of Object.values(schema.definitions)) {
      if (def.type === 'object' && def.properties && def.additionalProperties === undefined) def.additionalProperties = false;
    }
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(schema, 'argo');
    const validate = ajv.compile({ $ref: 'argo#/definitions/io.argoproj.workflow.v1alpha1.Workflow' });
    validator = (d) => (validate(d) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`));
  }
  return validator(doc);
}
