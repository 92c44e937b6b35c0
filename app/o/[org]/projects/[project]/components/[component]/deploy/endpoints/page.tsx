import type { Metadata } from 'next';
import { loadComponentPage } from '@/components/components/load-component';
import { componentApi } from '@/components/deploy/api';
import { plain } from '@/components/deploy/types';
import { EndpointsEditor } from '@/components/endpoints/endpoints-editor';
import { endpointsJsonSchema } from '@/lib/endpoints/json-schema';
import { getEndpoints } from '@/lib/services/endpoints/get-endpoints';
import { listSchemaFiles } from '@/lib/services/endpoints/list-schema-files';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit endpoints.yaml' };

type Params = { org: string; project: string; component: string };

/** Create/Update Endpoints: the only page that loads Monaco. */
export default async function EndpointsEditorPage({ params }: { params: Promise<Params> }) {
  const { org, project, component } = await params;
  const { ctx, role } = await loadComponentPage(org, project, component);
  const target = { org, project, component };
  const [endpoints, files] = await Promise.all([getEndpoints(ctx, target), listSchemaFiles(ctx, target)]);
  if (!endpoints.applies) {
    return <p className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-amber-900">Tasks run to completion and expose no endpoints.</p>;
  }
  return (
    <EndpointsEditor
      api={componentApi(org, project, component)}
      deployHref={`/o/${org}/projects/${project}/components/${component}/deploy`}
      initial={plain(endpoints)}
      files={plain(files)}
      schema={endpointsJsonSchema()}
      canEdit={can(role, 'endpoints:manage')}
    />
  );
}
