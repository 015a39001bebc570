/** Where the shared corpus of real PDFs lives: `../shared/corpus` beside the repository (CI and main checkout), or one level up (a git worktree under a folder). */
import { existsSync } from "node:fs";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** Absolute path of the shared corpus folder. */
export const CORPUS_DIR =
  [path.resolve(repoRoot, "../shared/corpus"), path.resolve(repoRoot, "../../shared/corpus")].find((d) =>
    existsSync(d),
  ) ?? path.resolve(repoRoot, "../shared/corpus");

/** 江苏省政协办公厅's 说明 and 表 of 2017, 2018 and 2019 (a year is published as two files). */
export const ZHENGXIE_FILES = [
  "江苏省政协办公厅2017年度部门预算.pdf",
  "江苏省政协办公厅2017年度部门预算公开表.pdf",
  "江苏省政协办公厅2018年度部门预算.pdf",
  "江苏省政协办公厅2018度部门预算公开表.pdf",
  "江苏省政协办公厅2019年度部门预算.pdf",
  "江苏省政协办公厅2019年预算公开表.pdf",
];
