/** Trends across years and departments (issue 21): pure functions over parsed disclosures. */
export { type CompositionOf, compositionChart, sangongPartsChart } from "./composition.js";
export {
  acrossDepartments,
  type RankedDepartment,
  type Ranking,
  type RankingOptions,
  type UnstatedDepartment,
} from "./departments.js";
export { type HeadlineMeasure, type Measure, measureLabel, type Reading, readMeasure } from "./measure.js";
export { chartSourceLine, rankingChart, rankingReply, yearsChart, yearsReply } from "./present.js";
export { acrossYears, type YearBasis, type YearChange, type YearColumn, type YearsTable } from "./years.js";
