"use client";

/** A row of checkboxes for picking several of a fixed list (instruments, timeframes). */
export function CheckboxGroup({ name, options, value, onChange }: { name: string; options: readonly string[]; value: readonly string[]; onChange: (next: string[]) => void }) {
  return (
    <div className="checkbox-group" role="group" data-testid={`${name}-group`}>
      {options.map((option) => (
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
      ))}
    </div>
  );
}
