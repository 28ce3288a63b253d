import type { z } from 'zod';
import type { StaffRole } from '../../auth/principal.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ApiResponse {
  description: string;
  /** JSON body; leave out for non-JSON (give `contentType`) or empty responses. */
  schema?: z.ZodType;
  contentType?: string;
}

/** One documented HTTP operation: the OpenAPI document at /openapi.json is generated from these. */
export interface ApiOperation {
  method: HttpMethod;
  /** Hono style: `/api/tickets/:id`. */
  path: string;
  summary: string;
  /** Groups operations in the docs (e.g. `knowledge`, `tickets`). */
  tag: string;
  /**
   * Staff roles allowed (see `roleAllows`); `'viewer'` for viewer-token routes; `'platform'` for a platform
   * API key (the inbound platform API); absent: public.
   */
  auth?: readonly StaffRole[] | 'viewer' | 'platform';
  body?: z.ZodType;
  /** A text body (CSV, JSON Lines import) instead of JSON. */
  bodyContentType?: string;
  query?: z.ZodObject;
  responses: Record<number, ApiResponse>;
}

/** The operations the server exposes, collected as routes are registered. */
export class ApiRegistry {
  private readonly list: ApiOperation[] = [];

  add(operation: ApiOperation): void {
    this.list.push(operation);
  }

  operations(): readonly ApiOperation[] {
    return this.list;
  }
}
