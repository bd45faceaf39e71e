/**
 * Spec coverage: what a run sent (request fields, enum values, block kinds) and what it saw
 * (statuses, content block kinds, event and delta types), against what the spec lists.
 */
import type { Contract } from '../contract/spec';
import type { Exchange } from '../http/exchange';
import { requestBody } from '../http/exchange';
import { viewOf } from '../checks/view';

type Schema = Record<string, unknown>;

export function requestCoverage(exchanges: Exchange[]): string[] {
  const items = new Set<string>();
  for (const ex of exchanges) {
    if (ex.case.meta?.mode === 'negative') continue;
    items.add(`operation ${ex.case.operation}`);
    // The field vocabulary below is the Messages request's; other operations count as called.
    const body = ex.case.operation === 'messages' ? requestBody(ex) : undefined;
    if (!body) continue;
    for (const k of Object.keys(body)) items.add(`field ${k}`);
    const choice = (body.tool_choice as { type?: string } | undefined)?.type;
    if (choice) items.add(`tool_choice.type ${choice}`);
    const thinking = (body.thinking as { type?: string } | undefined)?.type;
    if (thinking) items.add(`thinking.type ${thinking}`);
    if (typeof body.service_tier === 'string') items.add(`service_tier ${body.service_tier}`);
    items.add(
      `system ${typeof body.system === 'string' ? 'string' : Array.isArray(body.system) ? 'blocks' : 'absent'}`,
    );
    const blocks: Schema[] = Array.isArray(body.system) ? [...(body.system as Schema[])] : [];
    for (const m of (Array.isArray(body.messages) ? body.messages : []) as Array<{
      role?: string;
      content?: unknown;
    }>) {
      items.add(`role ${m.role}`);
      if (Array.isArray(m.content)) blocks.push(...(m.content as Schema[]));
      else items.add('block text');
    }
    for (const b of blocks) {
      items.add(`block ${String(b?.type)}`);
      const source = b?.source as Schema | undefined;
      if (b?.type === 'image' && typeof source?.media_type === 'string') items.add(`image ${source.media_type}`);
      const ttl = (b?.cache_control as Schema | undefined)?.ttl;
      if (b?.cache_control) items.add(`cache_control.ttl ${typeof ttl === 'string' ? ttl : '(default)'}`);
    }
  }
  return [...items].sort();
}

export function responseCoverage(exchanges: Exchange[]): string[] {
  const items = new Set<string>();
  for (const ex of exchanges) {
    const op = ex.case.operation === 'messages' ? '' : `${ex.case.operation} `;
    for (const r of [...ex.retried, ...(ex.response ? [ex.response] : [])]) items.add(`${op}status ${r.status}`);
    const view = ex.response ? viewOf(ex) : undefined;
    for (const b of (view?.message?.content as Schema[] | undefined) ?? []) {
      items.add(`content ${String(b?.type)}`);
      for (const c of Array.isArray(b?.citations) ? (b.citations as Schema[]) : [])
        items.add(`citation ${String(c?.type)}`);
    }
    if (typeof view?.message?.stop_reason === 'string') items.add(`stop_reason ${view.message.stop_reason}`);
    for (const e of view?.events ?? []) {
      if (typeof e.data?.type === 'string') items.add(`event ${e.data.type}`);
      const delta = (e.data?.delta as { type?: unknown } | undefined)?.type;
      if (e.data?.type === 'content_block_delta' && typeof delta === 'string') items.add(`delta ${delta}`);
    }
  }
  return [...items].sort();
}

/** What the spec lists, in the same vocabulary as the two functions above. */
export function specUniverse(contract: Contract): { request: string[]; response: string[] } {
  const s = (name: string) => contract.jsonSchema(name, { beta: false });
  const enumOf = (schema: Schema): string[] =>
    ((schema.oneOf as Schema[] | undefined) ?? [schema]).flatMap(
      (v) => ((v.properties as Record<string, Schema>)?.type?.enum as string[]) ?? [],
    );
  const raw = (contract.deref.components!.schemas as Record<string, Schema>).CreateMessageParams!;
  const props = s('CreateMessageParams').properties as Record<string, Schema>;
  const operations = Object.values(contract.operations);
  const request = [
    ...operations.map((op) => `operation ${op.id}`),
    // Beta-only fields are outside the default contract.
    ...Object.entries(raw.properties as Record<string, Schema>)
      .filter(([, p]) => !p['x-anthropic-beta'])
      .map(([k]) => `field ${k}`),
    ...enumOf(s('ToolChoice')).map((v) => `tool_choice.type ${v}`),
    ...enumOf(s('ThinkingConfig')).map((v) => `thinking.type ${v}`),
    ...((props.service_tier!.enum as string[]) ?? []).map((v) => `service_tier ${v}`),
    ...((s('Base64ImageSource').properties as Record<string, Schema>).media_type!.enum as string[]).map(
      (m) => `image ${m}`,
    ),
    ...((s('CacheControl').properties as Record<string, Schema>).ttl!.enum as string[]).map(
      (t) => `cache_control.ttl ${t}`,
    ),
    'system string',
    'system blocks',
    'role user',
    'role assistant',
    ...['text', 'image', 'document', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking'].map(
      (k) => `block ${k}`,
    ),
  ];
  // The spec's unions, less their open last branch (which lists no kind of its own).
  const response = [
    ...operations.flatMap((op) =>
      op.documentedStatuses.map((st) => `${op.id === 'messages' ? '' : `${op.id} `}status ${st}`),
    ),
    ...enumOf(s('ContentBlock')).map((k) => `content ${k}`),
    ...enumOf(s('TextCitation')).map((k) => `citation ${k}`),
    ...contract.knownStopReasons.map((r) => `stop_reason ${r}`),
    ...enumOf(s('MessageStreamEvent'))
      .filter((t) => t !== 'error')
      .map((t) => `event ${t}`),
    ...enumOf(s('ContentBlockDelta')).map((d) => `delta ${d}`),
  ];
  return { request: [...new Set(request)], response: [...new Set(response)] };
}
