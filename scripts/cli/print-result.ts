/** A command's result on stdout: JSON with --json (machine-readable), else the human text. */
export function printResult(json: boolean, data: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${text()}\n`);
}
