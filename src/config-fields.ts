/** zod field types shared by the base configuration and every platform's config schema. */
import { z } from "zod";

/** A comma-separated list ("a, b" → ["a", "b"]; absent → []). */
export const envList = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** Optional text; blank means absent. */
export const optionalText = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() !== "" ? s.trim() : undefined));

/** Optional absolute URL; blank means absent. */
export const optionalUrl = optionalText.pipe(
  z.url({ message: "必须是完整的 URL（如 http://127.0.0.1:8080/api/）" }).optional(),
);

/** A TCP port (0 = any free port). */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** How a variable is documented in .env.example: comment lines and the value written there. */
export interface EnvDoc {
  /** Comment above the variable (may hold several lines). */
  doc: string;
  /** Value written in .env.example (default: empty). */
  example?: string;
}

/** Attach the .env.example documentation to a field. */
export function documented<T extends z.ZodType>(schema: T, doc: EnvDoc): T {
  return schema.meta({ description: doc.doc, example: doc.example ?? "" }) as T;
}
