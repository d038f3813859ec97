/**
 * Reads a request body whole, but never more than a limit: the declared `Content-Length` is
 * checked before anything is read, and the running count while reading, so a sender that
 * lies about the length (or streams without one) is cut off just past the limit.
 */

/** The largest webhook body accepted: 1 MiB. A profile is a few kilobytes. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export type BodyRead =
  | { ok: true; bytes: Uint8Array<ArrayBuffer> }
  /** `too-large`: over the limit; `unreadable`: the stream failed (the sender went away). */
  | { ok: false; reason: 'too-large' | 'unreadable' };

/** Reads `request`'s body as bytes, refusing anything over `limit` bytes. */
export async function readLimitedBody(request: Request, limit: number): Promise<BodyRead> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'too-large' };
  }
  if (request.body === null) return { ok: true, bytes: new Uint8Array(0) };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        // The cancellation's own failure changes nothing: the body is refused either way.
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
