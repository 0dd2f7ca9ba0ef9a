import { Fragment } from "react";

/** A hypothesis name that wraps after its underscores (MACD_Momentum_15m_…) rather than in the middle of a word. */
export function NameWithBreaks({ text }: { text: string }) {
  const parts = text.split("_");
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 ? (
        <>
          _<wbr />
        </>
      ) : null}
    </Fragment>
  ));
}
