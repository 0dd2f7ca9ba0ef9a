/** The table-cell class of a signed figure: green above zero, red below, plain at zero or when undefined. */
export function signClass(value: number | null | undefined): string {
  return value === null || value === undefined || value === 0 ? "" : value > 0 ? "pass" : "fail";
}
