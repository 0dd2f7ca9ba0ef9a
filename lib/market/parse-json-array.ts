import { errorMessage } from "../error-message";
import { ImportFormatError } from "./import-format-error";

/** Parses JSON text that must be an array at the top level, turning syntax errors into ImportFormatError with a line. */
export function parseJsonArray(text: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const reason = errorMessage(error);
    const position = /position (\d+)/.exec(reason)?.[1];
    const line = position === undefined ? undefined : text.slice(0, Number(position)).split("\n").length;
    throw new ImportFormatError(`not valid JSON (${reason})`, line === undefined ? {} : { line });
  }
  if (!Array.isArray(data)) throw new ImportFormatError("expected a JSON array at the top level");
  return data;
}
