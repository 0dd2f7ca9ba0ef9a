export type ImportFileFormat = "csv" | "json";

/** The format of an import file: from its extension when it has a known one, else from its first character. */
export function detectFileFormat(text: string, fileName?: string): ImportFileFormat {
  const extension = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (extension === "json") return "json";
  if (extension === "csv" || extension === "txt") return "csv";
  const first = text.replace(/^\uFEFF/, "").trimStart()[0];
  return first === "[" || first === "{" ? "json" : "csv";
}
