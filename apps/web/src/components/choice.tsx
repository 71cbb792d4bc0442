import type { SelectHTMLAttributes } from 'react';

export interface Option<T extends string> {
  value: T;
  label: string;
}

/** The options of named things ({id, name}), with a first option for none or all when given. */
export function optionsOf(items: Array<{ id: string; name: string }>, first?: string): Array<Option<string>> {
  return [
    ...(first === undefined ? [] : [{ value: '', label: first }]),
    ...items.map((item) => ({ value: item.id, label: item.name })),
  ];
}

/** A select of options; `onChange` gets the chosen value. */
export function Choice<T extends string>({
  value,
  options,
  onChange,
  ...rest
}: {
  value: T;
  options: Array<Option<T>>;
  onChange(value: T): void;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>) {
  return (
    <select value={value} onChange={(event) => onChange(event.target.value as T)} {...rest}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
