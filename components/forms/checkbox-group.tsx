"use client";

/** An option the user does not pick: shown in its place, ticked or not by something else, with the reason beside it. */
export interface LockedOption {
  checked: boolean;
  note: string;
}

/** A row of checkboxes for picking several of a fixed list (instruments, timeframes). */
export function CheckboxGroup({
  name,
  options,
  value,
  onChange,
  locked = {},
}: {
  name: string;
  options: readonly string[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  locked?: Readonly<Record<string, LockedOption>>;
}) {
  return (
    <div className="checkbox-group" role="group" data-testid={`${name}-group`}>
      {options.map((option) => {
        const fixed = locked[option];
        return fixed ? (
          <label key={option} className="checkbox locked" data-testid={`${name}-locked-${option}`}>
            <input type="checkbox" name={`${name}-locked`} value={option} checked={fixed.checked} disabled readOnly />
            {option} <span className="muted small">({fixed.note})</span>
          </label>
        ) : (
          <label key={option} className="checkbox">
            <input
              type="checkbox"
              name={name}
              value={option}
              checked={value.includes(option)}
              onChange={(e) => onChange(e.target.checked ? options.filter((o) => o === option || value.includes(o)) : value.filter((v) => v !== option))}
            />
            {option}
          </label>
        );
      })}
    </div>
  );
}
