/** A verdict word in its colour: pass / fail / insufficient data, supported / contradicted / inconclusive, better / worse. */
export function VerdictBadge({ value, testId }: { value: string; testId?: string }) {
  return (
    <span className={`verdict ${value.replace(/ /g, "_")}`} data-testid={testId}>
      {value.replace(/_/g, " ")}
    </span>
  );
}
