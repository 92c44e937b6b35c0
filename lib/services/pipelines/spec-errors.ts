import { ServiceError } from '@/lib/errors';
import type { SpecError } from '@/lib/pipelines/spec';

/** A 422 carrying every spec error with its position, for the editor's markers. */
export function specInvalid(errors: SpecError[]): ServiceError {
  const first = errors[0];
  return new ServiceError('invalid', `The pipeline YAML is not valid: line ${first.line}, column ${first.column}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`, {
    errors: errors.map((e) => ({ message: e.message, line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn, path: e.path })),
  });
}
