import { readFileSync } from "node:fs";
import { CliOptionError } from "./parse-options";

/** The text of the file an option names; a file that cannot be read is refused naming the option and the path. */
export function readOptionFile(flag: string, path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
    const reason = code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a folder, not a file" : code === "EACCES" ? "is not readable" : `cannot be read (${code || String(error)})`;
    throw new CliOptionError(flag, path, reason);
  }
}
