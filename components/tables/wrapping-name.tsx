import { Fragment } from "react";

/**
 * A hypothesis name that wraps after its underscores (`RSI14_Oversold20_5m`) instead of mid-token: a narrow column
 * breaks it into readable words rather than every few characters.
 */
export function WrappingName({ name }: { name: string }) {
  const parts = name.split("_");
  return (
    <>
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
    </>
  );
}
