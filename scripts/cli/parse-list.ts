/** `--symbols BTCUSDT.P,ETHUSDT.P` → ["BTCUSDT.P", "ETHUSDT.P"]; undefined when the flag is absent. */
export function parseList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value.split(",").map((s) => s.trim()).filter(Boolean);
}
