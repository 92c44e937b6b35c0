import { dnsLabel } from '@/lib/services/validation';

/** The services' own schema decides; this file only words the hint for the one thing to fix. */
const nameSchema = dnsLabel('Name');

/** A DNS-1123 label derived from a display name: "My Shop API" → "my-shop-api". */
export function toDnsLabel(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/** What is wrong with a name, for a live hint while typing; undefined when it is fine. */
export function dnsLabelProblem(name: string): string | undefined {
  if (!name) return undefined;
  if (name.length > 63) return 'At most 63 characters.';
  if (/[A-Z]/.test(name)) return 'Use lowercase letters only.';
  if (/[^a-z0-9-]/.test(name)) return 'Only lowercase letters, digits and hyphens are allowed.';
  if (!nameSchema.safeParse(name).success) return 'Must start and end with a letter or a digit.';
  return undefined;
}
