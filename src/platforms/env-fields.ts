/** Configuration helpers platforms share: a URL variable with a platform example, paired credentials. */
import { z } from "zod";
import { optionalText } from "../config-fields.js";

/** An optional URL variable whose error message shows `example` ("必须是完整的 URL（如 …）"). */
export function urlVariable(example: string) {
  return optionalText.pipe(z.url({ message: `必须是完整的 URL（如 ${example}）` }).optional());
}

/** Two credentials that only work together: a problem line when exactly one of them is set. */
export function setTogether(
  a: { name: string; value: unknown },
  b: { name: string; value: unknown },
): string[] {
  return Boolean(a.value) !== Boolean(b.value) ? [`${a.name} 与 ${b.name} 须同时设置`] : [];
}
