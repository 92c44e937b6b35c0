import { z } from 'zod';

export const createCiTokenInput = z.strictObject({
  name: z.string().trim().min(1, 'Name is required.').max(100, 'Name must be at most 100 characters.'),
  expiresInDays: z.union([z.literal(30), z.literal(90), z.literal(365)], { message: 'Expiry is 30, 90 or 365 days, or none.' }).optional(),
});

const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'A digest looks like sha256: followed by 64 hex characters.');
const tag = z.string().regex(/^[\w][\w.-]{0,127}$/, 'A tag has at most 128 letters, digits, underscores, periods and dashes.');

/** The deploy webhook body: exactly one of image, tag or digest. Unknown fields are refused. */
export const ciDeployInput = z
  .strictObject({
    image: z.string().trim().min(1).max(512).optional(),
    tag: tag.optional(),
    digest: digest.optional(),
    commit: z.string().trim().max(100).optional(),
    buildUrl: z.string().trim().url('buildUrl must be a URL.').max(2048).optional(),
  })
  .refine((v) => [v.image, v.tag, v.digest].filter(Boolean).length === 1, 'Send exactly one of "image", "tag" or "digest".');
