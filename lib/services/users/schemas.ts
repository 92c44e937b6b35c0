import { z } from 'zod';
import { displayName } from '../validation';

const common = new Set(['password', 'password1', 'password123', '1234567890', 'qwertyuiop', 'letmein123', 'administrator', 'changeme123', 'iloveyou12', 'welcome123']);

export const passwordSchema = z
  .string({ message: 'Password is required.' })
  .min(10, 'Password must be at least 10 characters.')
  .max(128, 'Password must be at most 128 characters.')
  .refine((p) => !common.has(p.toLowerCase()), 'This password is too common. Choose another.')
  .refine((p) => new Set(p).size >= 4, 'This password is too simple. Use more different characters.');

export const emailSchema = z
  .string({ message: 'Email is required.' })
  .trim()
  .toLowerCase()
  .max(254, 'Email must be at most 254 characters.')
  .pipe(z.email({ message: 'Enter a valid email address.' }));

export const newUserInput = z.strictObject({
  name: displayName('Name'),
  email: emailSchema,
  password: passwordSchema,
});
