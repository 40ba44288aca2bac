// A statement's text: light Markdown (paragraphs, emphasis, lists, quotes, headings, code) turned
// into React elements by react-markdown, never into HTML. Whatever the text holds comes from a
// bundle, that is from anyone:
// - raw HTML is shown as the characters it is (react-markdown makes it text unless told to skip
//   it; nothing parses it, so `<img onerror>` or `<script>` is only text, and nothing the group
//   wrote is silently dropped);
// - a link is shown as its words and its address, as text: nothing in a statement can navigate
//   the app's window or make it fetch anything; the person can copy the address;
// - an image is never loaded: its description (or address) is shown in brackets;
// - headings start one level below the page's own heading (the statement's title).
// The element carries the statement's own `lang`, so screen readers speak it in its language.

import type { ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';

const ALLOWED = ['p', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'code', 'pre', 'hr', 'br', 'a', 'img'];

const COMPONENTS: Components = {
  a: ({ href, children }) => <LinkAsText href={href}>{children}</LinkAsText>,
  img: ({ alt, src }) => <span className="md-image">[{alt || (typeof src === 'string' ? src : '')}]</span>,
  h1: ({ children }) => <h2>{children}</h2>,
  h2: ({ children }) => <h3>{children}</h3>,
  h3: ({ children }) => <h4>{children}</h4>,
  h4: ({ children }) => <h5>{children}</h5>,
  h5: ({ children }) => <h6>{children}</h6>,
  h6: ({ children }) => <h6>{children}</h6>,
};

function LinkAsText({ href, children }: { href: string | undefined; children: ReactNode }) {
  const words = typeof children === 'string' ? children : null;
  return (
    <span className="md-link">
      {children}
      {href && href !== words && <span className="md-link-address"> ({href})</span>}
    </span>
  );
}

/** Addresses are shown as text, never used: keep them as written. */
const asWritten = (url: string): string => url;

export function StatementBody({ body, lang, id }: { body: string; lang: string; id?: string }) {
  return (
    <div className="statement-body" lang={lang} id={id} data-testid="statement-body">
      <Markdown allowedElements={ALLOWED} unwrapDisallowed components={COMPONENTS} urlTransform={asWritten}>
        {body}
      </Markdown>
    </div>
  );
}
