import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { redactSecrets } from "@/lib/security/redact-secrets";

/** Writes a results file (under results/), creating its folder; like every other output, its text passes redactSecrets. */
export function writeResultFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, redactSecrets(text));
}
