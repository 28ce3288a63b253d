import { z } from 'zod';
import { roleAllows, StaffRoleSchema } from '../../auth/principal.js';
import type { ApiOperation, ApiRegistry } from './api-registry.js';
import { ErrorResponseSchema } from './error-response.js';

type JsonSchema = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

/** The parts of an OpenAPI 3.1 document this builder writes (and tests read). */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: OpenApiInfo;
  tags: { name: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { securitySchemes: Record<string, JsonSchema> };
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: JsonSchema[];
  requestBody?: JsonSchema;
  responses: Record<string, JsonSchema>;
  security?: Record<string, string[]>[];
}

const PATH_PARAMETER = /:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?/g;

/** Hono's `/api/users/:id` (or `:id{[0-9]+}`) as OpenAPI's `/api/users/{id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(PATH_PARAMETER, '{$1}');
}

function pathParameterNames(path: string): string[] {
  return [...path.matchAll(PATH_PARAMETER)].map((match) => match[1]!);
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // Transforms and the like have no JSON Schema; they are documented as "anything" rather than failing.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function queryParameters(query: z.ZodObject): JsonSchema[] {
  const schema = jsonSchema(query, 'input');
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: 'query',
      required: required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function describeAuth(auth: NonNullable<ApiOperation['auth']>): string {
  if (auth === 'viewer') return 'Needs a viewer token.';
  if (auth === 'platform') return 'Needs a platform API key (created in the admin, Platform keys).';
  const roles = StaffRoleSchema.options.filter((held) => roleAllows(held, auth));
  return `Needs a staff token of one of these roles: ${roles.join(', ')}.`;
}

function errorResponse(description: string): JsonSchema {
  return {
    description,
    content: { 'application/json': { schema: jsonSchema(ErrorResponseSchema, 'output') } },
  };
}

function responses(operation: ApiOperation): Record<string, JsonSchema> {
  const documented: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    const contentType = response.contentType ?? 'application/json';
    const schema = response.schema
      ? jsonSchema(response.schema, 'output')
      : contentType === 'application/json' && Number(status) >= 400
        ? jsonSchema(ErrorResponseSchema, 'output')
        : response.contentType
          ? { type: 'string' }
          : undefined;
    documented[status] = {
      description: response.description,
      ...(schema ? { content: { [contentType]: { schema } } } : {}),
    };
  }
  // The statuses every route of a kind can answer, so each route need not repeat them.
  const implied: [boolean, string, string][] = [
    [
      operation.body !== undefined || operation.query !== undefined,
      '400',
      'The request does not match the schema',
    ],
    [operation.auth !== undefined, '401', 'No valid token'],
    [operation.auth !== undefined, '403', 'The token may not do this'],
    [operation.path.startsWith('/api/'), '429', 'Too many requests; see Retry-After'],
  ];
  for (const [applies, status, description] of implied) {
    if (applies && !documented[status]) documented[status] = errorResponse(description);
  }
  return documented;
}

function requestBody(operation: ApiOperation): JsonSchema | undefined {
  if (operation.bodyContentType)
    return { required: true, content: { [operation.bodyContentType]: { schema: { type: 'string' } } } };
  if (operation.body)
    return {
      required: true,
      content: { 'application/json': { schema: jsonSchema(operation.body, 'input') } },
    };
  return undefined;
}

function operationId(operation: ApiOperation): string {
  const words = operation.path.split(/[^A-Za-z0-9]+/).filter((word) => word !== '' && word !== 'api');
  return [operation.method, ...words.map((word) => word[0]!.toUpperCase() + word.slice(1))].join('');
}

function toOperation(operation: ApiOperation): OpenApiOperation {
  const parameters = [
    ...pathParameterNames(operation.path).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    ...(operation.query ? queryParameters(operation.query) : []),
  ];
  const body = requestBody(operation);
  return {
    operationId: operationId(operation),
    summary: operation.summary,
    ...(operation.auth ? { description: describeAuth(operation.auth) } : {}),
    tags: [operation.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: responses(operation),
    ...(operation.auth ? { security: [{ bearerAuth: [] }] } : {}),
  };
}

/** OpenAPI 3.1 (JSON Schema 2020-12) from the registered operations' zod schemas. */
export function buildOpenApiDocument(
  registry: Pick<ApiRegistry, 'operations'>,
  info: OpenApiInfo,
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const operation of registry.operations()) {
    const path = toOpenApiPath(operation.path);
    const item = (paths[path] ??= {});
    if (item[operation.method])
      throw new Error(`${operation.method.toUpperCase()} ${operation.path} is registered twice`);
    item[operation.method] = toOperation(operation);
  }
  const tags = [...new Set(registry.operations().map((operation) => operation.tag))].sort();
  return {
    openapi: '3.1.0',
    info,
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Staff: the token from POST /api/auth/login. Viewers: the token from POST /api/viewer/session. Platforms (inbound API): a platform API key from the admin.',
        },
      },
    },
  };
}
