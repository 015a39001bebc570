/**
 * Shared text rendering: Reply → plain text (console, CLI, logs). Each platform's renderer lives in
 * its adapter folder (src/adapters/<platform>/render.ts); this folder keeps the helpers they share
 * (text.ts, markdown.ts, width.ts).
 */

export { renderText } from "./text.js";
