import type { z } from 'zod';

export type ParsedFrame<Frame> =
  | { ok: true; frame: Frame }
  | { ok: false; code: 'invalid_json' | 'invalid_frame' | 'unknown_type'; message: string };

type FrameUnion = z.ZodDiscriminatedUnion<z.ZodObject<{ type: z.ZodLiteral<string> }>[]>;

/**
 * A validator for the frames of one channel (a discriminated union on `type`). An unknown type is told
 * apart from a malformed known one, and messages name what is wrong without echoing the sender's text.
 */
export function createFrameParser<Schema extends FrameUnion>(
  schema: Schema,
): (raw: string) => ParsedFrame<z.infer<Schema>> {
  const types: ReadonlySet<string> = new Set(schema.options.map((option) => option.shape.type.value));
  return (raw) => {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { ok: false, code: 'invalid_json', message: 'the frame is not JSON' };
    }
    const type = typeof json === 'object' && json !== null && 'type' in json ? json.type : undefined;
    if (typeof type !== 'string' || !types.has(type)) {
      return {
        ok: false,
        code: 'unknown_type',
        message: `unknown frame type; expected one of ${[...types].join(', ')}`,
      };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'frame'}: ${issue.message}`,
      );
      return { ok: false, code: 'invalid_frame', message: problems.join('; ') };
    }
    return { ok: true, frame: parsed.data };
  };
}
