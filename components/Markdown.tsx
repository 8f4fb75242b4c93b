/** Renders a note's Markdown (core/markdown.ts) as Preact elements: text nodes only, never HTML. */
import { parseMarkdown, type Inline } from '@/core/markdown';

export function Markdown({ source }: { source: string }) {
  return (
    <div class="markdown">
      {parseMarkdown(source).map((block, i) =>
        block.kind === 'paragraph' ? <p key={i}>{renderInline(block.children)}</p> : block.ordered ? <ol key={i}>{listItems(block.items)}</ol> : <ul key={i}>{listItems(block.items)}</ul>,
      )}
    </div>
  );
}

const listItems = (items: Inline[][]) => items.map((item, i) => <li key={i}>{renderInline(item)}</li>);

function renderInline(nodes: Inline[]): preact.ComponentChildren {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'em':
        return <em key={i}>{renderInline(node.children)}</em>;
      case 'strong':
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case 'link':
        return (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer">
            {renderInline(node.children)}
          </a>
        );
    }
  });
}
