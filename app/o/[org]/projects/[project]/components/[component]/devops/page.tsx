import { redirect } from 'next/navigation';

/** DevOps has one page for image components so far: External CI. */
export default async function ComponentDevOpsPage({ params }: { params: Promise<{ org: string; project: string; component: string }> }) {
  const { org, project, component } = await params;
  redirect(`/o/${org}/projects/${project}/components/${component}/devops/external-ci`);
}
