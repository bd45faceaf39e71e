/**
 * Thinking signatures the reference mock signs and checks when a conversation sends them back. The
 * API's signature is opaque and must come back unchanged with its thinking text
 * (https://platform.claude.com/docs/en/build-with-claude/extended-thinking); a changed or emptied one is
 * refused with `messages.N.content.M: Invalid \`signature\` in \`thinking\` block`, the API's words as
 * quoted in public reports (ding113/claude-code-hub#518, kaitranntt/ccs#415).
 * The mock's signature is deterministic: a marker and an HMAC of the thinking text. A signature
 * without the marker was made by another server (a recorded real conversation): the mock cannot
 * check it and lets it through.
 */
import { createHmac } from 'node:crypto';

const MARKER = Buffer.from('mock-sig:');
const KEY = 'anthropic-messages-conformance reference mock';

export function signThinking(thinking: string): string {
  return Buffer.concat([MARKER, createHmac('sha256', KEY).update(thinking, 'utf8').digest()]).toString('base64');
}

/** Why a thinking block sent back is refused, or undefined when it may go through. */
function badSignature(block: { thinking?: unknown; signature?: unknown }): boolean {
  if (typeof block.signature !== 'string' || block.signature === '') return true;
  const raw = Buffer.from(block.signature, 'base64');
  if (!raw.subarray(0, MARKER.length).equals(MARKER)) return false; // another server's: not ours to judge
  return block.signature !== signThinking(String(block.thinking ?? ''));
}

/** The API's 400 message for the first thinking block whose signature does not hold, if any. */
export function invalidSignature(body: Record<string, unknown>): string | undefined {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ content?: unknown }>) : [];
  for (const [i, m] of messages.entries()) {
    if (!Array.isArray(m?.content)) continue;
    for (const [j, b] of (m.content as Array<Record<string, unknown>>).entries())
      if (b?.type === 'thinking' && badSignature(b))
        return `messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`;
  }
  return undefined;
}
