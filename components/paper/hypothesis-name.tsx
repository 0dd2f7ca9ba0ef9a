import { Fragment } from "react";

/** A hypothesis name that may wrap after its underscores (MACD_Momentum_15m_…), never inside a token. */
export function HypothesisName({ name }: { name: string }) {
  const parts = name.split("_");
  return (
    <span className="hypothesis-name">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? (
            <>
              _<wbr />
            </>
          ) : null}
        </Fragment>
      ))}
    </span>
  );
}
