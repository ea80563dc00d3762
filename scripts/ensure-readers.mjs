#!/usr/bin/env node
/**
 * The conformance tests hand every brief to real readers (qpdf and poppler
 * for PDF, LibreOffice and python-docx for Word, Chromium for HTML). This
 * runs before `pnpm test`: when a reader is missing it installs the Debian
 * packages if it can (root with apt-get, as on CI), and otherwise says
 * exactly what to install.
 */
import { execFileSync, spawnSync } from "node:child_process";

const readers = [
  { check: ["qpdf", "--version"], pkg: "qpdf" },
  { check: ["pdftotext", "-v"], pkg: "poppler-utils" },
  { check: ["soffice", "--version"], pkg: "libreoffice-writer" },
  { check: ["soffice", "--version"], pkg: "libreoffice-calc" },
  { check: ["/usr/bin/python3", "-c", "import docx"], pkg: "python3-docx" },
  { check: ["chromium", "--version"], pkg: "chromium" },
];

const works = (cmd) => spawnSync(cmd[0], cmd.slice(1), { stdio: "ignore" }).status === 0;
const missing = [...new Set(readers.filter((r) => !works(r.check)).map((r) => r.pkg))];
if (missing.length === 0) process.exit(0);

const canInstall = process.getuid?.() === 0 && works(["apt-get", "--version"]);
if (!canInstall) {
  console.error(
    `The conformance tests need these Debian packages: ${missing.join(" ")}\n` +
      `Install them with: sudo apt-get install -y --no-install-recommends ${missing.join(" ")}`,
  );
  process.exit(1);
}
console.error(`Installing the readers the conformance tests use: ${missing.join(" ")}`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], {
  stdio: "inherit",
  env,
});
