import { ServiceError } from '@/lib/errors';

export const maxBodyBytes = 1024 * 1024;

export class BadJsonError extends Error {}

/** Reads a JSON body of at most `limit` bytes, counting what actually arrives. */
export async function readJson(req: Request, limit = maxBodyBytes): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > limit) throw tooLarge(limit);
  if (!req.body) return {};
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BadJsonError('The request body is not valid JSON.');
  }
}

function tooLarge(limit: number) {
  return new ServiceError('payload_too_large', `The request body is larger than ${Math.round(limit / 1024)} KiB.`);
}
