/**
 * Reads a whole stored document back as a Disclosure, so checks run on it as on a fresh parse:
 * its head, units (机构设置), standard tables, narrative, not-applicable facts, stated figures and
 * counts, lazy projects, procurement, assets (国有资产) and parser warnings, and its places.
 */

import { sourceAt } from "../../../domain/places.js";
import type {
  AssetRow,
  Disclosure,
  DocumentText,
  OrgUnit,
  ParseWarning,
  ProcurementRow,
} from "../../../domain/types.js";
import type { Db } from "../db.js";
import { DOC_HEAD_COLUMNS, getPlaces, toDocumentHead } from "./documents.js";
import { getCounts, getNarrative, getNotApplicable, getStatedFigures } from "./narrative.js";
import { getProcurement } from "./procurement.js";
import { lazyDocumentProjects, PROJECT_SELECT } from "./projects.js";
import { docRows, num, numOrNull, originOf, type SqlRow, str, strOrNull, toFigure } from "./rows.js";
import { stmt } from "./statements.js";
import { getStandardTables } from "./tables.js";

/** The 国有资产 / 固定资产 rows of a document. */
export function getAssets(db: Db, docId: number): AssetRow[] {
  const file = originOf(db, docId);
  if (file === null) return [];
  return docRows(db, "assets", docId).map((r) => ({
    name: str(r.name),
    quantity: strOrNull(r.quantity),
    value: toFigure(r, "value", file),
    line: num(r.line),
  }));
}

/** The 机构设置 rows of a document. */
export function getUnits(db: Db, docId: number): OrgUnit[] {
  return docRows(db, "units", docId).map((r) => ({
    name: str(r.name),
    nature: strOrNull(r.nature),
    rank: strOrNull(r.rank),
    funding: strOrNull(r.funding),
    line: num(r.line),
  }));
}

/** The parser warnings stored with a document. */
export function getWarnings(db: Db, docId: number): ParseWarning[] {
  return docRows(db, "warnings", docId).map((r) => ({
    message: str(r.message),
    line: numOrNull(r.line),
  }));
}

/** The paragraphs stored with a document, each with its source (and place, when the document has places). */
export function getTexts(db: Db, docId: number): DocumentText[] {
  const origin = originOf(db, docId);
  if (origin === null) return [];
  return docRows(db, "document_texts", docId).map((r) => ({
    text: str(r.text),
    source: sourceAt(origin, "", num(r.line)),
  }));
}

/**
 * The whole stored document rebuilt as a Disclosure (department.name is null when the page
 * stated none), or null when there is no such document. Checks can run on it like on a fresh parse.
 */
export function getDisclosure(db: Db, docId: number): Disclosure | null {
  const r = stmt(db, `SELECT ${DOC_HEAD_COLUMNS} FROM documents d WHERE d.id = ?`).get(docId) as
    | SqlRow
    | undefined;
  const doc = r ? toDocumentHead(r) : null;
  if (!doc) return null;
  const places = getPlaces(db, docId);
  const counts = getCounts(db, docId);
  const texts = getTexts(db, docId);
  return {
    file: doc.file,
    sha256: doc.sha256,
    department: {
      name: doc.department.known ? doc.department.name : null,
      code: doc.department.code,
      given: doc.department.given,
    },
    year: doc.year,
    kind: doc.kind,
    basis: doc.basis,
    region: doc.region,
    units: getUnits(db, docId),
    tables: getStandardTables(db, docId),
    narrative: getNarrative(db, docId),
    notApplicable: getNotApplicable(db, docId),
    stated: getStatedFigures(db, docId),
    ...(counts.length ? { counts } : {}),
    projects: lazyDocumentProjects(
      db,
      stmt(db, `${PROJECT_SELECT} WHERE p.doc_id = ? ORDER BY p.ord`).all(docId) as SqlRow[],
    ),
    procurement: getProcurement(db, docId).map(
      ({ id: _id, docId: _d, effectiveProjectName: _e, ...r }): ProcurementRow => r,
    ),
    procurementTitleLine: doc.procurementTitleLine,
    assets: getAssets(db, docId),
    assetsAsOf: doc.assetsAsOf,
    warnings: getWarnings(db, docId),
    ...(texts.length ? { texts } : {}),
    ...(places ? { places } : {}),
  };
}
