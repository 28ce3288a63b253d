import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';

/**
 * The part of a streamed chat completion chunk the composer reads. Unknown fields pass (servers add
 * their own: reasoning_content, usage, …); a `content` or `finish_reason` of the wrong type fails.
 */
export const ChatCompletionChunkSchema = z.object({
  choices: z.array(
    z.object({
      index: z.number().int().nonnegative().optional(),
      delta: z
        .object({
          content: z.string().nullish(),
          /** Function calls arrive in pieces: an index, then its id and name once, its arguments in parts. */
          tool_calls: z
            .array(
              z.object({
                index: z.number().int().nonnegative(),
                id: z.string().nullish(),
                function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
              }),
            )
            .nullish(),
        })
        .nullish(),
      finish_reason: z.string().nullish(),
    }),
  ),
});
export type ChatCompletionChunk = z.infer<typeof ChatCompletionChunkSchema>;

export interface ToolCallDelta {
  index: number;
  id?: string | undefined;
  name?: string | undefined;
  arguments?: string | undefined;
}

export interface ChunkReading {
  content: string;
  finishReason: string | undefined;
  toolCalls: ToolCallDelta[];
}

/** Reads the first choice of one chunk; a chunk that does not fit throws 'unavailable'. */
export function parseChatChunk(chunk: unknown, where: string): ChunkReading {
  const parsed = ChatCompletionChunkSchema.safeParse(chunk);
  if (!parsed.success) {
    throw new LivedeskError('unavailable', `${where} sent a chunk that is not a chat completion chunk`, {
      cause: parsed.error,
    });
  }
  const choice = parsed.data.choices.find((candidate) => (candidate.index ?? 0) === 0);
  const toolCalls = (choice?.delta?.tool_calls ?? []).map((call) => ({
    index: call.index,
    id: call.id ?? undefined,
    name: call.function?.name ?? undefined,
    arguments: call.function?.arguments ?? undefined,
  }));
  return {
    content: choice?.delta?.content ?? '',
    finishReason: choice?.finish_reason ?? undefined,
    toolCalls,
  };
}
