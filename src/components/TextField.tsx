import type { InputHTMLAttributes, ReactNode } from "react";
import { InlineError } from "./QueryStates";

/**
 * A labelled input with its hint and inline error: `aria-invalid` follows `error`, and `aria-describedby` points at
 * the error while there is one, else at the hint (`${id}-hint`, `${id}-error`). `children` go under the input
 * (a citation, suggestions).
 */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  children,
  ...input
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  children?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange" | "children">) {
  const errorId = error ? `${id}-error` : undefined;
  const hintId = hint !== undefined ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!error} aria-describedby={errorId ?? hintId} {...input} />
      {hint !== undefined ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {children}
      <InlineError id={errorId} message={error} />
    </div>
  );
}
