/** What the image, document and citation probes check: the content reached the target, and citations point into it. */
import { defineCheck, defineSetCheck, type Finding } from './failure';
import { requestBody, type Exchange } from '../http/exchange';
import { hasMessage, requestValid } from './conditions';
import { blocksOf, textOf, viewOf } from './view';
import { inputTokensOf } from './usage-accounts';

type Block = Record<string, unknown>;

const inputOf = (ex: Exchange): number | undefined => {
  const usage = viewOf(ex).message?.usage;
  return usage && typeof usage === 'object' && !ex.unavailable
    ? inputTokensOf(usage as Record<string, unknown>)
    : undefined;
};

/** Each request carrying an image or document (meta.featureCheck.without) with its twin without it, both answered. */
function pairs(exchanges: Exchange[]): Array<{ with: Exchange; without: Exchange; min: number; a: number; b: number }> {
  const byName = new Map(exchanges.map((ex) => [ex.case.name, ex]));
  return exchanges.flatMap((ex) => {
    const check = ex.case.meta?.featureCheck;
    const twin = check?.without ? byName.get(check.without) : undefined;
    const [a, b] = [inputOf(ex), twin && inputOf(twin)];
    return twin && a !== undefined && b !== undefined
      ? [{ with: ex, without: twin, min: Math.max(1, check!.minExtraTokens ?? 1), a, b }]
      : [];
  });
}

/**
 * An image or document reaches the model: the request that carries it reports at least a floor of
 * input tokens more than the same request without it (the floor: a third of the document's words,
 * one token for an image). A gateway that drops the block (or its content) answers both alike; no
 * tokenizer counts a sentence as nothing. https://platform.claude.com/docs/en/build-with-claude/vision
 * (image tokens ≈ width × height / 750), https://platform.claude.com/docs/en/build-with-claude/pdf-support.
 */
export const contentCounted = defineSetCheck({
  id: 'content_counted',
  title: 'Image or document content lost on the way to the model',
  source:
    'https://docs.anthropic.com/en/api/messages (usage.input_tokens); https://platform.claude.com/docs/en/build-with-claude/vision; https://platform.claude.com/docs/en/build-with-claude/pdf-support',
  profiles: ['full'],
  operations: ['messages'],
  ran: (exchanges) => pairs(exchanges).length,
  run: (_ctx, exchanges) =>
    pairs(exchanges).flatMap((p) =>
      p.a - p.b >= p.min
        ? []
        : [
            {
              exchange: p.with,
              finding: {
                detail: `Received: ${p.a} input tokens for ${p.with.case.name} (${p.with.case.meta?.description}), ${p.b} for the same request without that content (${p.without.case.name})\nExpected: at least ${p.min} more with it: the content was dropped or emptied before it reached the model`,
                key: 'not_counted',
              },
            },
          ],
    ),
});

/** Every document block of the request, in order (document_index counts them so). */
function documentsOf(body: Record<string, unknown> | undefined): Block[] {
  const messages = Array.isArray(body?.messages) ? (body.messages as Array<{ content?: unknown }>) : [];
  return messages.flatMap((m) =>
    Array.isArray(m?.content) ? (m.content as Block[]).filter((b) => b?.type === 'document') : [],
  );
}

const DOCUMENT_CITATIONS = new Set(['char_location', 'page_location', 'content_block_location']);

/**
 * Citations point into the documents sent: `document_index` names one of them, and a `char_location`
 * in a plain-text document quotes it exactly (`cited_text` is `data.slice(start_char_index,
 * end_char_index)`, as recorded real answers show: tests/fixtures/recorded/stream-document-02.json).
 * No citation at all where citations were enabled is a warning: a model may answer without citing.
 */
export const citationsValid = defineCheck({
  id: 'citations_valid',
  title: 'Citations do not point into the documents sent',
  source: 'https://platform.claude.com/docs/en/build-with-claude/citations',
  profiles: ['full'],
  operations: ['messages'],
  when: [requestValid, hasMessage, (ex) => documentsOf(requestBody(ex)).length > 0],
  run(_ctx, ex) {
    const docs = documentsOf(requestBody(ex));
    const citations = blocksOf(viewOf(ex).message!).flatMap((b) =>
      b.type === 'text' && Array.isArray(b.citations) ? (b.citations as Block[]) : [],
    );
    const findings: Finding[] = [];
    for (const c of citations.filter((x) => DOCUMENT_CITATIONS.has(String(x?.type)))) {
      const i = c.document_index;
      const doc = typeof i === 'number' ? docs[i] : undefined;
      if (!doc) {
        findings.push({
          detail: `Received: a ${String(c.type)} citation with document_index ${JSON.stringify(i)}\nExpected: the index of one of the ${docs.length} document(s) sent (0-based, in order)`,
          key: 'document_index',
        });
        continue;
      }
      const source = (doc.source ?? {}) as Block;
      if (c.type === 'char_location' && source.type === 'text' && typeof source.data === 'string') {
        const quoted = source.data.slice(Number(c.start_char_index), Number(c.end_char_index));
        if (quoted !== c.cited_text)
          findings.push({
            detail: `Received: cited_text ${JSON.stringify(String(c.cited_text).slice(0, 120))} at characters ${String(c.start_char_index)}–${String(c.end_char_index)} of document ${String(i)}, which hold ${JSON.stringify(quoted.slice(0, 120))}\nExpected: cited_text equal to the document's text at those characters`,
            key: 'cited_text',
          });
      }
    }
    const enabled = docs.some((d) => (d.citations as { enabled?: unknown } | undefined)?.enabled === true);
    if (enabled && !citations.length && viewOf(ex).message!.stop_reason === 'end_turn')
      findings.push({
        detail:
          'Received: no citation in an answer about a document sent with citations: {enabled: true}\nExpected: citations to the passages used. A model may answer without citing, so this is a warning: if it never cites, the citations setting may be lost on the way',
        key: 'none',
        severity: 'warning',
      });
    return findings;
  },
});

/**
 * Opt-in (CONTRACT_MODEL_PROBES=1): a code word placed in the system prompt or a document comes
 * back in the answer, which shows the content reached the model. Only a real model can do this,
 * and even one may not: a warning, never a failure.
 */
export const contentReachesModel = defineCheck({
  id: 'content_reaches_model',
  title: 'A code word in the prompt did not come back (content may not reach the model)',
  source: 'opt-in probe (CONTRACT_MODEL_PROBES): the answer repeats a code word only the content holds',
  profiles: ['full'],
  operations: ['messages'],
  when: [requestValid, hasMessage, (ex) => Boolean(ex.case.meta?.featureCheck?.codeWord)],
  run(_ctx, ex) {
    const word = ex.case.meta!.featureCheck!.codeWord!;
    const text = textOf(viewOf(ex).message!).join(' ');
    if (text.toLowerCase().includes(word.toLowerCase())) return [];
    return [
      {
        detail: `Received: ${JSON.stringify(text.slice(0, 200))}\nExpected: the code word ${word}, which only the ${ex.case.meta?.description ?? 'content'} holds. A model may still miss it: a warning`,
        key: 'missing',
        severity: 'warning',
      },
    ];
  },
});
