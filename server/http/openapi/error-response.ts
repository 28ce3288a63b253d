import { z } from 'zod';

/** Every 4xx/5xx JSON body: a stable code for programs and a sentence for people. */
export const ErrorResponseSchema = z
  .object({
    error: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .loose();
