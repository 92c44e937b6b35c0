import { z } from 'zod';

/** A path identifier as the REST path carries it; the finders decide whether it names anything. */
export const pathName = z.string().max(200);

export const orgInput = z.strictObject({ org: pathName });
