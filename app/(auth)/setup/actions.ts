'use server';

import { action } from '@/lib/http/action';
import { setupFirstAdmin } from '@/lib/services/users/setup-first-admin';

/** First run: creates the first admin and their organisation (refused once any account exists). */
export async function setupAction(input: unknown) {
  return action((ctx) => setupFirstAdmin(ctx, input), { allowAnonymous: true });
}
