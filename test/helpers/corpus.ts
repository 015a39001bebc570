/** Where the shared corpus of real PDFs lives: `../shared/corpus` beside the repository (CI and main checkout), or one level up (a git worktree under a folder). */
import { existsSync } from "node:fs";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** Absolute path of the shared corpus folder. */
export const CORPUS_DIR =
  [path.resolve(repoRoot, "../shared/corpus"), path.resolve(repoRoot, "../../shared/corpus")].find((d) =>
    existsSync(d),
  ) ?? path.resolve(repoRoot, "../shared/corpus");
