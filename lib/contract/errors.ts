import { z } from "zod";

/** What every route answers when it refuses or fails (app/api/error-response.ts): `field` names the input to fix. */
export const apiErrorBodySchema = z.object({
  error: z.string(),
  field: z.string().optional(),
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
