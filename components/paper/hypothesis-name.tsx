import { BreakableName } from "@/components/layout/breakable-name";

/** A hypothesis name in the paper tables: breaks only after its underscores, as its span opts out of breaking anywhere. */
export function HypothesisName({ name }: { name: string }) {
  return (
    <span className="hypothesis-name">
      <BreakableName name={name} />
    </span>
  );
}
