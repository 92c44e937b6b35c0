import { isServiceError, ServiceError } from '@/lib/errors';
import { registryErrorReason } from '@/lib/oci/client';

/**
 * What the registry answered while resolving an image (no such tag, no pull access, registry
 * down) is about the image URL the person typed: it is shown under that field.
 */
export function asImageFieldError(e: unknown): never {
  if (isServiceError(e) && registryErrorReason(e) && !e.details?.fields) throw new ServiceError(e.code, e.message, { ...e.details, fields: { image: e.message } });
  throw e;
}
