import type { ReactNode } from 'react';

/** A control with its label above it. */
export function Labeled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="stacked-label">
      <span>{label}</span>
      {children}
    </div>
  );
}
