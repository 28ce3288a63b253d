/** How a structured call asks for JSON: `json_object`, a strict `json_schema`, or only by its prompt. */
export type JsonResponseFormat = 'json_object' | 'json_schema' | 'none';

/** The request field for `format`, `schema` named `name` when the server enforces one. */
export function jsonResponseFormatField(
  format: JsonResponseFormat | undefined,
  name: string,
  schema: Record<string, unknown>,
) {
  switch (format ?? 'json_object') {
    case 'json_object':
      return { response_format: { type: 'json_object' as const } };
    case 'json_schema':
      return {
        response_format: { type: 'json_schema' as const, json_schema: { name, strict: true, schema } },
      };
    case 'none':
      return {};
  }
}
