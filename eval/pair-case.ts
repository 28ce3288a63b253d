import { z } from 'zod';

/** Two questions and whether people judged them to mean the same (bq-corpus-zh, afqmc-zh). */
export const PairCaseSchema = z.object({
  a: z.string().trim().min(1, 'a may not be empty'),
  b: z.string().trim().min(1, 'b may not be empty'),
  same: z.boolean(),
});
export type PairCase = z.infer<typeof PairCaseSchema>;
