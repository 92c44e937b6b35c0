import { z } from 'zod';

const tag = z.string().trim().regex(/^[\w][\w.-]{0,127}$/, 'A tag has at most 128 letters, digits, underscores, periods and dashes, and does not start with a period or dash.');

export const deployInput = z
  .strictObject({
    tag: tag.optional(),
    image: z.string().trim().min(1).max(512, 'The image URL must be at most 512 characters.').optional(),
    releaseId: z.string().uuid('Release id must be a UUID.').optional(),
    environment: z.string().trim().max(63).optional(),
  })
  .refine((v) => [v.tag, v.image, v.releaseId].filter((x) => x !== undefined).length === 1, 'Give exactly one of tag, image or releaseId.');

export const promoteInput = z.strictObject({
  from: z.string({ message: 'Give the environment to promote from.' }).trim().min(1).max(63),
  to: z.string({ message: 'Give the environment to promote to.' }).trim().min(1).max(63),
});
