/** Omneo's envelopes: `{data}`, paginated lists, and error bodies. */
import * as z from 'zod/mini';
import { quantity } from './scalars.js';

// ---------------------------------------------------------------------------------------------
// Envelopes

/**
 * What `single(schema)` returns. Written out so the emitted declaration names zod's types instead
 * of inlining their mapped types (inlined, they fail to check under `skipLibCheck: false`).
 */
export type SingleEnvelope<T extends z.ZodMiniType> = z.ZodMiniPipe<
  z.ZodMiniObject<{ data: T }>,
  z.ZodMiniTransform<z.output<T>, z.output<z.ZodMiniObject<{ data: T }>>>
>;

/** `{data: T}` */
export function single<T extends z.ZodMiniType>(schema: T): SingleEnvelope<T> {
  return z.pipe(z.object({ data: schema }), z.transform((v) => (v as { data: unknown }).data as z.output<T>));
}

const pageMeta = z.optional(
  z.nullable(
    z.object({
      current_page: z.optional(quantity),
      last_page: z.optional(quantity),
      per_page: z.optional(quantity),
      total: z.optional(quantity),
    }),
  ),
);

/** One page of a list, and where it sits among the others when Omneo says. */
export interface Page<T> {
  items: T[];
  page: { current: number; last: number; perPage: number | null; total: number | null } | null;
}

/** `{data: T[], links?, meta?}` */
export function list<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(
    z.object({ data: z.array(schema), meta: pageMeta }),
    z.transform(({ data, meta }): Page<z.output<T>> => ({
      items: data as z.output<T>[],
      page: meta
        ? {
            current: meta.current_page ?? 1,
            last: meta.last_page ?? 1,
            perPage: meta.per_page ?? null,
            total: meta.total ?? null,
          }
        : null,
    })),
  );
}

/**
 * A 422's `errors`, `{field: message | [messages]}`, as `{field: [messages]}`. Lenient, as an
 * error body should be: entries that are not text are left out rather than losing the message.
 */
function fieldErrors(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [field, messages] of Object.entries(value)) {
    const texts = (Array.isArray(messages) ? messages : [messages]).filter((m): m is string => typeof m === 'string');
    if (texts.length > 0) out[field] = texts;
  }
  return out;
}

/** Omneo's error bodies: `{message}` and, on 422, `{message, errors: {field: [...]}}`. */
export const errorBodySchema = z.object({
  // Text, or nothing: an odd `message` must not cost the field errors beside it.
  message: z.optional(z.pipe(z.unknown(), z.transform((m) => (typeof m === 'string' ? m : undefined)))),
  errors: z.optional(z.pipe(z.unknown(), z.transform(fieldErrors))),
});
