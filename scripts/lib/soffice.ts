/** LibreOffice conversion for the fixture scripts (never needed by the bot itself). */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Convert `input` with LibreOffice into `dir` (`to` like "xls" or "pdf:writer_pdf_Export"); returns the new file's path. */
export function soffice(input: string, to: string, dir: string): string {
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  try {
    execFileSync(
      "soffice",
      [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", to, "--outdir", dir, input],
      { stdio: "inherit", timeout: 600_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const base = (input.split("/").pop() as string).replace(/\.[^.]+$/, "");
  return join(dir, `${base}.${to.split(":")[0]}`);
}
