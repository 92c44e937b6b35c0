import { isScheduled } from '@/lib/component-types';
import { z } from 'zod';
import { checkCron } from '@/lib/schedule';
import { componentTypes } from '@/db/schema';
import { description, displayName, dnsLabel } from '../validation';

export const portInput = z.strictObject({
  port: z.number({ message: 'Port must be a number.' }).int().min(1, 'Port must be between 1 and 65535.').max(65535, 'Port must be between 1 and 65535.'),
  name: dnsLabel('Port name').optional(),
  protocol: z.enum(['TCP', 'UDP']).default('TCP'),
});

const healthPath = z.string().trim().max(512).regex(/^\/[^\s]*$/, 'Health check path must start with / and contain no spaces.');
// The Kubernetes CronJob subset (lib/schedule): one schedule works on both drivers.
const schedule = z
  .string()
  .trim()
  .max(100)
  .superRefine((v, ctx) => {
    const message = checkCron(v);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

export const createComponentInput = z
  .strictObject({
    name: dnsLabel('Component name'),
    displayName: displayName(),
    description,
    type: z.enum(componentTypes, { message: 'Type must be one of: service, web-app, scheduled-task, manual-task.' }),
    registryId: z.string({ message: 'Choose a container registry.' }).min(1, 'Choose a container registry.').max(64),
    image: z.string({ message: 'Enter the full image URL.' }).trim().min(1, 'Enter the full image URL.').max(512, 'The image URL must be at most 512 characters.'),
    ports: z.array(portInput).max(10, 'At most 10 ports.').optional(),
    healthPath: healthPath.optional(),
    schedule: schedule.optional(),
    /** Create and deploy: the first release is queued to the first environment in the same transaction. */
    deploy: z.boolean({ message: 'deploy must be true or false.' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (isScheduled(v.type) && !v.schedule) ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'A scheduled task needs a cron schedule.' });
  });

export const updateComponentInput = z.strictObject({
  displayName: displayName().optional(),
  description: z.string().trim().max(1000).optional(),
  ports: z.array(portInput).max(10).optional(),
  healthPath: healthPath.nullable().optional(),
  schedule: schedule.optional(),
  tagFilter: z.string().trim().max(128).regex(/^[A-Za-z0-9_.*?-]+$/, 'Tag filter is a glob of tag characters, e.g. v* or main-*.').nullable().optional(),
});

export const listComponentsInput = z.strictObject({
  search: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
