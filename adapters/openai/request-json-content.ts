import type OpenAI from 'openai';
import { LivedeskError } from '../../knowledge/errors.js';
import { jsonResponseFormatField, type JsonResponseFormat } from './json-response-format.js';

export interface JsonContentRequest {
  model: string;
  systemPrompt: string;
  /** Sent as JSON in the user message, so nothing in it reads as an instruction. */
  data: unknown;
  maxTokens: number;
  responseFormat: JsonResponseFormat | undefined;
  /** The schema's name and the schema, for servers that enforce one. */
  schemaName: string;
  schema: Record<string, unknown>;
  signal: AbortSignal;
  /** Names the endpoint and what was asked for, in the error when the answer is empty. */
  where: string;
  what: string;
}

/**
 * One non-streamed chat completion at temperature 0 for a structured answer: the model's text, for the
 * caller's zod reader. An empty answer is 'unavailable'; other failures are the client's, for the
 * caller to map with its own deadlines.
 */
export async function requestJsonContent(client: OpenAI, request: JsonContentRequest): Promise<string> {
  const completion = await client.chat.completions.create(
    {
      model: request.model,
      messages: [
        { role: 'system', content: request.systemPrompt },
        { role: 'user', content: JSON.stringify(request.data) },
      ],
      temperature: 0,
      max_tokens: request.maxTokens,
      ...jsonResponseFormatField(request.responseFormat, request.schemaName, request.schema),
    },
    { signal: request.signal },
  );
  const content: unknown = completion.choices[0]?.message.content;
  if (typeof content !== 'string' || content.trim() === '') {
    throw new LivedeskError('unavailable', `${request.where} answered with an empty ${request.what}`);
  }
  return content;
}
