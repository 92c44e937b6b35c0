import { z } from 'zod';
import { roleSchema } from '../roles';

export const createApiKeyInput = z.strictObject({
  name: z.string().trim().min(1, 'Name is required.').max(100, 'Name must be at most 100 characters.'),
  role: roleSchema,
  expiresInDays: z.number().int().min(1, 'Expiry must be at least 1 day.').max(3650, 'Expiry must be at most 3650 days.').optional(),
});
