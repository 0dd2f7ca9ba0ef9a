import { Fragment } from "react";

/**
 * A machine name (`Spike_Reversal_2m_Long_RSI7`, `h_15m_1979ae36`) that may wrap only after its separators, so a narrow
 * column breaks it into readable words instead of every few letters.
 */
export function BreakableName({ name }: { name: string }) {
  const parts = name.split(/(?<=[_@/])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}
