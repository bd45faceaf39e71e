/**
 * Images and documents in the reference mock, deterministically: what they cost in input tokens
 * (an image by its size, as the vision docs estimate it: width × height / 750; a document by its
 * words, a PDF by the words of its text plus a fixed cost per page), and the citations an answer to
 * a document with `citations: {enabled: true}` carries (the document's first sentence, located the
 * way the API locates it: characters for plain text, pages for a PDF; recorded in
 * tests/fixtures/recorded/stream-document-02.json).
 */
type Block = Record<string, unknown>;
type Body = Record<string, unknown>;

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
/** What an image of unknown size costs (a format whose size the mock does not read). */
const UNKNOWN_IMAGE_TOKENS = 100;
/** What one PDF page costs besides its text (the API also reads each page as an image). */
const PDF_PAGE_TOKENS = 50;

/** Width and height of a base64 PNG (from its IHDR chunk), or undefined for anything else. */
function pngSize(base64: string): { width: number; height: number } | undefined {
  const head = Buffer.from(base64.slice(0, 48), 'base64');
  if (head.length < 24 || head.toString('latin1', 1, 4) !== 'PNG' || head.toString('latin1', 12, 16) !== 'IHDR')
    return undefined;
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

/** The text strings of a simple PDF (`(…) Tj`) and its page count. */
function pdfText(base64: string): { text: string; pages: number } {
  const pdf = Buffer.from(base64, 'base64').toString('latin1');
  const text = [...pdf.matchAll(/\(((?:[^()\\]|\\.)*)\)\s*Tj/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1')).join(' ');
  return { text, pages: Math.max(1, (pdf.match(/\/Type\s*\/Page(?!s)/g) ?? []).length) };
}

function imageTokens(source: Block | undefined): number {
  const size = source?.type === 'base64' && typeof source.data === 'string' ? pngSize(source.data) : undefined;
  return size ? Math.max(1, Math.ceil((size.width * size.height) / 750)) : UNKNOWN_IMAGE_TOKENS;
}

/** The text a document holds, as the mock reads it ('' for a URL or file it cannot open). */
function documentText(block: Block): string {
  const source = (block.source ?? {}) as Block;
  if (source.type === 'text' && typeof source.data === 'string') return source.data;
  if (source.type === 'base64' && typeof source.data === 'string') return pdfText(source.data).text;
  if (source.type === 'content')
    return typeof source.content === 'string'
      ? source.content
      : Array.isArray(source.content)
        ? (source.content as Block[]).map((b) => (typeof b?.text === 'string' ? b.text : '')).join(' ')
        : '';
  return '';
}

function documentTokens(block: Block): number {
  const source = (block.source ?? {}) as Block;
  if (source.type === 'base64' && typeof source.data === 'string') {
    const pdf = pdfText(source.data);
    return words(pdf.text) + PDF_PAGE_TOKENS * pdf.pages;
  }
  return words(documentText(block)) || UNKNOWN_IMAGE_TOKENS;
}

/** The input tokens of the images and documents in a list of blocks (tool results' blocks included). */
export function mediaTokensOf(content: unknown): number {
  if (!Array.isArray(content)) return 0;
  return (content as Block[]).reduce((n, b) => {
    if (b?.type === 'image') return n + imageTokens(b.source as Block | undefined);
    if (b?.type === 'document') return n + documentTokens(b);
    if (b?.type === 'tool_result') return n + mediaTokensOf(b.content);
    return n;
  }, 0);
}

/** The input tokens of every image and document a request carries. */
export const mediaTokens = (body: Body): number =>
  ((body.messages as Array<{ content: unknown }> | undefined) ?? []).reduce((n, m) => n + mediaTokensOf(m?.content), 0);

/** Every document block of the request, in order: the API's `document_index` counts them so. */
function documents(body: Body): Block[] {
  return ((body.messages as Array<{ content: unknown }> | undefined) ?? []).flatMap((m) =>
    Array.isArray(m?.content) ? (m.content as Block[]).filter((b) => b?.type === 'document') : [],
  );
}

/** The citation of a document's first sentence, or undefined when it has no text to cite. */
function citationOf(doc: Block, index: number): { citation: Block; text: string } | undefined {
  const title = typeof doc.title === 'string' ? doc.title : null;
  const source = (doc.source ?? {}) as Block;
  const text = documentText(doc);
  const sentence = /^\s*[^.!?]*[.!?]?\s*/.exec(text)?.[0] ?? '';
  if (!sentence.trim()) return undefined;
  if (source.type === 'text') {
    const start = text.indexOf(sentence);
    return {
      text: sentence.trim(),
      citation: {
        type: 'char_location',
        cited_text: sentence,
        document_index: index,
        document_title: title,
        start_char_index: start,
        end_char_index: start + sentence.length,
      },
    };
  }
  if (source.type === 'base64')
    return {
      text: sentence.trim(),
      citation: {
        type: 'page_location',
        cited_text: sentence,
        document_index: index,
        document_title: title,
        start_page_number: 1,
        end_page_number: 2,
      },
    };
  return undefined;
}

/**
 * An answer to a request with a citable document opens (after its thinking) with a text block quoting its first
 * sentence, cited. Only when the answer ended on its own (no cut, no tool call) and max_tokens
 * leaves room for the quote: usage counts it.
 */
export function addCitations(message: Body, body: Body): void {
  if (message.stop_reason !== 'end_turn') return;
  const docs = documents(body);
  const index = docs.findIndex((d) => (d.citations as { enabled?: unknown } | undefined)?.enabled === true);
  const cited = index >= 0 ? citationOf(docs[index]!, index) : undefined;
  const usage = message.usage as { output_tokens: number };
  if (!cited || usage.output_tokens + words(cited.text) > Number(body.max_tokens)) return;
  // After any thinking: an answer's thinking comes first.
  const content = message.content as Block[];
  const at = content.filter((b) => b.type === 'thinking' || b.type === 'redacted_thinking').length;
  message.content = [
    ...content.slice(0, at),
    { type: 'text', text: cited.text, citations: [cited.citation] },
    ...content.slice(at),
  ];
  usage.output_tokens += words(cited.text);
}
