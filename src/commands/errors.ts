/** UserError lives in the bottom layer (domain/errors.ts); re-exported for the command layer. */
export { UserError } from "../domain/errors.js";
