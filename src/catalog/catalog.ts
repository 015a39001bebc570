/**
 * The read model commands use: departments, one department-year disclosure, project search.
 * A thin layer over the store's read ports (store-catalog.ts): it adds what answers need on top of
 * rows (combined views of several files of one department-year, a small cache).
 */
import type { Finding } from "../domain/findings.js";
import type { Disclosure, DisclosureBasis, PlaceIndex, ProcurementRow, Project } from "../domain/types.js";
import type { DepartmentEntry } from "../query/department.js";
import type { ProjectYearSum } from "../store/ports.js";

/** A project with where it comes from. */
export interface ProjectRef {
  id: number;
  department: string;
  year: number | null;
  file: string;
  project: Project;
  /** Where the lines of the project's document are (PDF page, sheet row, table row); absent for text files. */
  places?: PlaceIndex;
}

/** Read access to everything ingested. */
export interface Catalog {
  /** Every department with its disclosed years (ascending). */
  departments(): Promise<DepartmentEntry[]>;
  /**
   * The disclosure of a department for a year, or null: its 预算 or, with basis "final", its 决算
   * (never a mix of the two). Without a basis: the 预算 when there is one, else the 决算.
   */
  disclosure(department: string, year: number | null, basis?: DisclosureBasis): Promise<Disclosure | null>;
  /** Which of 预算 / 决算 are stored for a department-year (预算 first). */
  bases(department: string, year: number | null): Promise<DisclosureBasis[]>;
  /** Ids of the ranked project matches (cheap: nothing but the index is read). */
  searchProjectIds(
    query: string,
    opts: { department?: string; year?: number; limit?: number },
  ): Promise<number[]>;
  /** The projects with these ids, in the given order (without procurement rows). */
  projectsByIds(ids: readonly number[]): Promise<ProjectRef[]>;
  /** The given projects by year: count, exact 预算数 sum (null when one states none), shared unit. */
  projectSumsByYear(ids: readonly number[]): Promise<ProjectYearSum[]>;
  project(id: number): Promise<ProjectRef | null>;
  /** Every consistency finding of a document (stored at ingest; read, never written here). */
  findings(doc: Disclosure): Promise<Finding[]>;
  /** Procurement rows of the project's document whose 项目名称 is the project's name. */
  procurementFor(ref: ProjectRef): Promise<ProcurementRow[]>;
}
