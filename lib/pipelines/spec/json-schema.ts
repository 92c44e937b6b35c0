import { z } from 'zod';
import { pipelineSpec, publishTemplates } from './schema';

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema the editor validates with (monaco-yaml): generated from the zod schema the
 * server parses with, so hover texts and squiggles say what the server says. References,
 * unique names and the publish resource come back as server markers (references.ts).
 */
export function pipelineJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(pipelineSpec, { target: 'draft-7', unrepresentable: 'any', io: 'input' }) as JsonSchema;
  return {
    ...schema,
    title: 'Gantry pipeline',
    description: `An automation pipeline (Choreo's simplified Argo language). Built-in template: ${publishTemplates.join(' (alias ')}).`,
  };
}
