import { ServiceError } from '@/lib/errors';
import { renderPipelineArgo, type RenderedWorkflow } from '@/lib/pipelines/argo';
import type { ServiceContext } from '../context';
import { loadPipeline } from './load';
import { presentPipeline } from './present';

/**
 * The Argo Workflow the current version compiles to, as YAML for the pipeline page: variables
 * substituted, secrets as a Secret with redacted values read through secretKeyRef.
 */
export async function renderArgo(ctx: ServiceContext, input: unknown): Promise<RenderedWorkflow> {
  const { pipeline: p } = await loadPipeline(ctx, input, 'org:read');
  const view = await presentPipeline(ctx.db, p);
  if (!view.yaml) throw ServiceError.notFound('A saved version of this pipeline');
  return renderPipelineArgo({ pipeline: { id: p.id, name: p.name }, yaml: view.yaml, variables: view.variables, secretNames: view.secrets });
}
