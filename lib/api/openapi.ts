import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registry } from './registry';
import './operations';
import './operations-registries';
import './operations-components';
import './operations-ci';
import './operations-endpoints';
import './operations-tasks';
import './operations-pipelines';
import './operations-marketplace';
import './operations-platform';

let doc: ReturnType<OpenApiGeneratorV31['generateDocument']> | undefined;

export function openApiDocument() {
  doc ??= new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Gantry API', version: '1', description: 'Deploy prebuilt container images. Errors are `{ error: { code, message, details? } }`.' },
    servers: [{ url: '/' }],
  });
  return doc;
}
