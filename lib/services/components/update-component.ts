import { eq } from 'drizzle-orm';
import { component } from '@/db/schema';
import { audit, type ServiceContext } from '../context';
import { parse } from '../validation';
import { loadComponent } from './find-component';
import { updateComponentInput } from './schemas';

/** Changes what may change; name, type and registry are fixed at creation. */
export async function updateComponent(ctx: ServiceContext, input: unknown) {
  const { org, project, component: comp, body } = await loadComponent(ctx, input, 'components:manage');
  const data = parse(updateComponentInput, body);
  const ports = data.ports?.map((p, i) => ({ name: p.name ?? `port-${i + 1}`, port: p.port, protocol: p.protocol }));
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(component)
      .set({ ...data, ports, updatedAt: new Date() })
      .where(eq(component.id, comp.id))
      .returning();
    await audit(tx, ctx, org.id, { action: 'component.update', targetType: 'component', targetId: comp.id, targetLabel: `${project.name}/${comp.name}`, data: { changed: Object.keys(data) } });
    return row;
  });
}
