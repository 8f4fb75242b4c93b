/** A section named by its own heading (aria-labelledby), as the extension pages' views and lists are built. */
import type { ComponentChildren } from 'preact';

export interface SectionProps {
  /** The heading's id, unique on the page. */
  id: string;
  title: ComponentChildren;
  /** Views are level 2, the parts of a view level 3. */
  level?: 2 | 3;
  class?: string;
  children?: ComponentChildren;
}

export function Section({ id, title, level = 3, class: className, children }: SectionProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section class={className} aria-labelledby={id}>
      <Heading id={id}>{title}</Heading>
      {children}
    </section>
  );
}
