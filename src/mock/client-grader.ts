/**
 * The mock's verdict on its client. Every request the mock answers is judged against the client
 * rules (client-rules.ts): what the contract refuses (rule and field, from handle.ts), and what only
 * a server that remembers can see — a retry sooner than retry-after, a refused request sent again,
 * a tool_result for a tool_use the mock never sent, thinking sent back altered, the text of a cut
 * stream reused as a finished turn. Clients are told apart by key and user-agent (hashed), only to
 * pair a retry with its first attempt. Memory is bounded: the oldest entries go first.
 */
import { createHash } from 'node:crypto';
import type { Contract } from '../contract/spec';
import { REQUEST_RULES } from '../contract/request-rules';
import type { AreaRecord, CheckRecord, FailureRecord } from '../report/serialize';
import { buildResults, type RunResults } from '../report/results';
import { keyOnlyRedactor, type Redactor } from '../http/redact';
import { impactOf } from '../checks/impact';
import { escapeControls, escapeDeep } from '../report/escape';
import type { MockEvent } from './stream';
import type { MockRequest, MockResult } from './handle';
import { CLIENT_RULES, ruleOfRefusal, type ClientRuleName } from './client-rules';

/** What the mock did with one request, as the server saw it. */
export interface Answered {
  req: MockRequest;
  result: MockResult;
  /** Epoch ms: the request arrived; its answer was written. */
  arrivedAt: number;
  answeredAt: number;
  /** Stream events written (a cut stream wrote fewer than `result.events`). */
  eventsWritten?: number;
  /** The mock cut the stream (an in-stream error event or a dropped connection). */
  cut?: boolean;
  /** The mock dropped the connection before any answer. */
  dropped?: boolean;
}

/** One request's verdict: the client rules it broke (empty: it conformed). */
export interface RequestVerdict {
  n: number;
  method: string;
  path: string;
  status: number | 'dropped';
  client: string;
  findings: Array<{ checkId: string; severity: 'error' | 'warning'; key: string }>;
}

export interface ClientReport {
  /** The latest requests' verdicts (at most MAX_VERDICTS). */
  requests: RequestVerdict[];
  /** The same findings as a run's results (one area, "client"). */
  results: RunResults;
}

interface Finding {
  rule: ClientRuleName;
  key: string;
  detail: string;
  severity: 'error' | 'warning';
  source?: string;
}

/** A bounded map: past `max` entries the oldest goes. */
class Recent<V> extends Map<string, V> {
  constructor(private readonly max: number) {
    super();
  }
  override set(k: string, v: V): this {
    super.delete(k);
    super.set(k, v);
    if (this.size > this.max) this.delete(this.keys().next().value as string);
    return this;
  }
}

const MAX_MEMORY = 10_000;
const MAX_VERDICTS = 1_000;
/** Cut streams remembered: clients, streams per client, characters per stream (a longer text is not matched). */
const MAX_CUT_CLIENTS = 100;
const MAX_CUTS_PER_CLIENT = 10;
const MAX_CUT_TEXT = 10_000;
const MAX_CASES = 20;
const MAX_GROUPS = 500;
/** Clock slack when comparing a retry's arrival with retry-after (timer and socket granularity). */
const RETRY_SLACK_MS = 50;

type Json = Record<string, unknown>;
const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
const isObj = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const blocksOf = (content: unknown): Json[] => (Array.isArray(content) ? content.filter(isObj) : []);
const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : blocksOf(content)
        .filter((b) => b.type === 'text')
        .map((b) => String(b.text))
        .join('');

interface Answer {
  n: number;
  status: number;
  answeredAt: number;
  retryAfterMs?: number;
  shouldRetry?: string;
}

/** Request rules whose breach the conversation checks name more precisely (the ids the mock sent). */
const OWNED_BY_CONVERSATION = new Set([
  'tool_result_answers_previous_tool_use',
  'tool_use_answered_next_turn',
  'thinking_signature',
]);

export class ClientGrader {
  private readonly startedAt = new Date();
  private count = 0;
  private readonly verdicts: RequestVerdict[] = [];
  /** Per check: requests or blocks judged, and the findings grouped by cause. */
  private readonly ran = new Map<ClientRuleName, number>();
  private readonly groups = new Map<string, FailureRecord>();
  private readonly answers = new Recent<Answer>(MAX_MEMORY);
  private readonly toolUses = new Recent<true>(MAX_MEMORY);
  private readonly thinkingBySignature = new Recent<string>(MAX_MEMORY);
  private readonly signaturesByThinking = new Recent<string>(MAX_MEMORY);
  /** Per client, the text the latest cut streams carried (what reached the client is a prefix of it). */
  private readonly cutTexts = new Recent<Array<{ n: number; text: string }>>(MAX_CUT_CLIENTS);

  /** The mock's key and credential-named headers never reach a report. */
  private readonly secrets: Redactor;

  constructor(
    private readonly contract: Contract,
    private readonly info: { url: () => string; seed: number; apiKey: string },
  ) {
    this.secrets = keyOnlyRedactor(info.apiKey);
  }

  /** Judges one answered request and remembers what the mock sent. */
  record(a: Answered): RequestVerdict {
    const n = ++this.count;
    const client = clientKey(a.req);
    // Only API calls are judged: a probe of `/` or `/health` is no client fault.
    const api = a.req.path.startsWith('/v1/');
    const findings = api ? [...this.refusal(a), ...this.retry(a, client), ...this.conversation(a, client)] : [];
    this.remember(a, client, n);
    for (const f of findings) this.add(f, a, n);
    const verdict: RequestVerdict = {
      n,
      method: a.req.method,
      path: a.req.path,
      status: a.dropped ? 'dropped' : a.result.status,
      client,
      findings: findings.map((f) => ({ checkId: CLIENT_RULES[f.rule].id, severity: f.severity, key: f.key })),
    };
    this.verdicts.push(verdict);
    if (this.verdicts.length > MAX_VERDICTS) this.verdicts.shift();
    return verdict;
  }

  private judged(rule: ClientRuleName, k = 1): void {
    this.ran.set(rule, (this.ran.get(rule) ?? 0) + k);
  }

  /** What the contract refused, by the rule and field handle.ts named. */
  private refusal(a: Answered): Finding[] {
    for (const rule of ['headers', 'schema', 'model'] as const) this.judged(rule);
    if (a.req.path === '/v1/messages' || a.req.path === '/v1/messages/count_tokens') this.judged('rules');
    if (a.req.headers['anthropic-version'] === '2026-10-21') this.judged('sampling');
    const refusal = a.result.refusal;
    const rule = refusal && ruleOfRefusal(refusal.rule);
    // Refusals a dedicated client check judges (conversation below) are its findings, not twice.
    if (!refusal || !rule || OWNED_BY_CONVERSATION.has(refusal.rule)) return [];
    const message = ((a.result.json as { error?: { message?: string } } | undefined)?.error?.message ?? '').slice(
      0,
      300,
    );
    const field = refusal.field ? ` (field ${refusal.field})` : '';
    const own = REQUEST_RULES.find((r) => r.id === refusal.rule);
    return [
      {
        rule,
        key: `${refusal.rule}${refusal.field && refusal.field !== refusal.rule ? ` ${refusal.field.replace(/\.\d+(?=\.|$)/g, '.N')}` : ''}`,
        detail: `Received: ${a.req.method} ${a.req.path} refused ${a.result.status}: ${message}\nExpected: a request the API accepts — rule ${refusal.rule}${field}`,
        severity: rule === 'model' ? 'warning' : 'error',
        source: own?.source,
      },
    ];
  }

  /** The same request from the same client again: a retry, judged against the answer it retries. */
  private retry(a: Answered, client: string): Finding[] {
    const prev = this.answers.get(`${client} ${requestKey(a.req)}`);
    if (!prev) return [];
    const waited = a.arrivedAt - prev.answeredAt;
    if ((prev.status === 429 || prev.status === 529) && prev.retryAfterMs !== undefined) {
      if (waited + RETRY_SLACK_MS >= prev.retryAfterMs) return [];
      // The docs state retry-after for 429; on a 529 only the SDKs' code honours it.
      const documented = prev.status === 429;
      return [
        {
          rule: 'retryAfter',
          key: `retried ${prev.status} early`,
          detail: `Received: the same request again ${waited} ms after request #${prev.n} was answered ${prev.status} with retry-after ${prev.retryAfterMs / 1000} s\nExpected: a wait of at least ${prev.retryAfterMs} ms${documented ? '' : ' (UNVERIFIED for 529: the docs state retry-after for 429; the SDKs honour it on every retry)'}`,
          severity: documented ? 'error' : 'warning',
        },
      ];
    }
    if (prev.shouldRetry === 'false') {
      return [
        {
          rule: 'noRetryRefused',
          key: `retried ${prev.status}`,
          detail: `Received: the same request again after request #${prev.n} was answered ${prev.status} with x-should-retry: false\nExpected: no unchanged retry of a refused request (UNVERIFIED: the official SDKs never retry it; the docs do not say so)`,
          severity: 'warning',
        },
      ];
    }
    return [];
  }

  /** The conversation the client sends back: tool results, thinking, the text of cut streams. */
  private conversation(a: Answered, client: string): Finding[] {
    const body = a.result.request;
    if (!body || !Array.isArray(body.messages)) return [];
    const messages = (body.messages as unknown[]).filter(isObj);
    const out: Finding[] = [];

    // Tool results of the new turn (earlier turns were judged when they were new).
    const last = messages.at(-1);
    const before = messages.at(-2);
    if (last?.role === 'user') {
      const offered = new Set(
        blocksOf(before?.role === 'assistant' ? before.content : undefined)
          .filter((b) => b.type === 'tool_use')
          .map((b) => String(b.id)),
      );
      for (const r of blocksOf(last.content).filter((b) => b.type === 'tool_result')) {
        this.judged('toolResult');
        const id = String(r.tool_use_id);
        if (!offered.has(id))
          out.push({
            rule: 'toolResult',
            key: 'no tool_use in the previous message',
            detail: `Received: tool_result for tool_use_id ${id}, which no tool_use in the previous assistant message has\nExpected: the id of a tool_use in the message before it (the API answers 400 "unexpected \`tool_use_id\` found in \`tool_result\` blocks")`,
            severity: 'error',
          });
        else if (!this.toolUses.has(id))
          out.push({
            rule: 'toolResult',
            key: 'tool_use the mock never sent',
            detail: `Received: tool_result for tool_use_id ${id}, a tool_use the mock never sent\nExpected: the id of a tool_use the mock sent (UNVERIFIED: a history the client wrote itself is allowed; ids rewritten are not)`,
            severity: 'warning',
          });
      }
    }

    // Thinking blocks, wherever they are sent back.
    for (const m of messages.filter((x) => x.role === 'assistant')) {
      for (const t of blocksOf(m.content).filter((b) => b.type === 'thinking')) {
        this.judged('thinking');
        const [thinking, signature] = [String(t.thinking), String(t.signature)];
        const sentThinking = this.thinkingBySignature.get(signature);
        if (sentThinking !== undefined) {
          if (sentThinking !== thinking)
            out.push({
              rule: 'thinking',
              key: 'thinking text altered',
              detail: `Received: a thinking block with a signature the mock sent and other text (${JSON.stringify(thinking.slice(0, 80))})\nExpected: the text the mock sent with it (${JSON.stringify(sentThinking.slice(0, 80))})`,
              severity: 'error',
            });
        } else if (this.signaturesByThinking.has(thinking)) {
          out.push({
            rule: 'thinking',
            key: 'signature altered',
            detail: `Received: thinking text the mock sent, with a signature it never sent (${JSON.stringify(signature.slice(0, 40))})\nExpected: the signature sent with it`,
            severity: 'error',
          });
        } else {
          out.push({
            rule: 'thinking',
            key: 'thinking the mock never sent',
            detail: `Received: a thinking block the mock never sent\nExpected: thinking blocks as the mock sent them (UNVERIFIED: from another server or a restarted mock; the API refuses a signature it did not issue)`,
            severity: 'warning',
          });
        }
      }
    }

    // The text of a stream the mock cut, sent back as a finished assistant turn (followed by more turns).
    const cuts = this.cutTexts.get(client) ?? [];
    messages.forEach((m, i) => {
      if (m.role !== 'assistant' || i === messages.length - 1 || !cuts.length) return;
      const text = textOf(m.content).trim();
      const cutAt = text ? cuts.find((c) => c.text.startsWith(text))?.n : undefined;
      if (cutAt === undefined) return;
      out.push({
        rule: 'cutStream',
        key: 'partial text as a finished turn',
        detail: `Received: messages.${i}, an assistant turn whose text is what the stream of request #${cutAt} carried before the mock cut it, followed by another turn\nExpected: a cut stream retried, or continued from its text as the final assistant message (UNVERIFIED: the docs do not say how a client must recover)`,
        severity: 'warning',
      });
    });
    return out;
  }

  /** What this answer teaches about the next requests. */
  private remember(a: Answered, client: string, n: number): void {
    const h = a.result.headers;
    if (!a.dropped) {
      const ms =
        h['retry-after-ms'] !== undefined
          ? Number(h['retry-after-ms'])
          : h['retry-after'] !== undefined
            ? Number(h['retry-after']) * 1000
            : undefined;
      this.answers.set(`${client} ${requestKey(a.req)}`, {
        n,
        status: a.result.status,
        answeredAt: a.answeredAt,
        retryAfterMs: Number.isFinite(ms) ? ms : undefined,
        shouldRetry: h['x-should-retry'],
      });
      if (a.result.status === 429 || a.result.status === 529) this.judged('retryAfter');
      if (h['x-should-retry'] === 'false') this.judged('noRetryRefused');
    }
    if (a.result.status !== 200 || a.dropped) return;
    const content = a.result.events
      ? sentContent(a.result.events.slice(0, a.eventsWritten ?? a.result.events.length))
      : blocksOf((a.result.json as Json | undefined)?.content);
    for (const b of content) {
      if (b.type === 'tool_use' && typeof b.id === 'string') this.toolUses.set(b.id, true);
      if (b.type === 'thinking' && typeof b.signature === 'string' && b.signature) {
        this.thinkingBySignature.set(b.signature, String(b.thinking));
        this.signaturesByThinking.set(String(b.thinking), b.signature);
      }
    }
    if (a.cut) {
      this.judged('cutStream');
      const text = textOf(content).trim();
      if (text && text.length <= MAX_CUT_TEXT)
        this.cutTexts.set(client, [
          ...(this.cutTexts.get(client) ?? []).slice(-(MAX_CUTS_PER_CLIENT - 1)),
          { n, text },
        ]);
    }
  }

  private add(f: Finding, a: Answered, n: number): void {
    const rule = CLIENT_RULES[f.rule];
    const id = `${rule.id} ${f.key}`;
    const name = escapeControls(`request #${n} ${a.req.method} ${a.req.path}`);
    const seen = this.groups.get(id);
    if (seen) {
      seen.count += 1;
      if (seen.cases.length < MAX_CASES) seen.cases.push(name);
      return;
    }
    if (this.groups.size >= MAX_GROUPS) return;
    const json = a.result.json === undefined ? '' : JSON.stringify(a.result.json).slice(0, 1000);
    this.groups.set(
      id,
      escapeDeep({
        checkId: rule.id,
        title: rule.title,
        key: f.key,
        detail: this.secrets.text(f.detail),
        impact: impactOf(rule.id, f.severity),
        source: f.source ?? rule.source,
        severity: f.severity,
        category: 'nonconformance',
        case: name,
        caseDescription: f.key,
        cases: [name],
        count: 1,
        request: {
          url: a.req.path,
          headers: this.secrets.headers(
            Object.fromEntries(
              Object.entries(a.req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'),
            ),
          ),
          body: this.secrets.text(a.req.body.slice(0, 4000)),
        },
        response: a.dropped
          ? '(connection dropped by the mock)'
          : `${a.result.status}${json ? ` ${this.secrets.text(json)}` : a.result.events ? ' (event stream)' : ''}`,
      }),
    );
  }

  /** The client's report so far: the latest verdicts, and the findings as a run's results. */
  report(): ClientReport {
    const checks: CheckRecord[] = (Object.keys(CLIENT_RULES) as ClientRuleName[]).map((name) => {
      const rule = CLIENT_RULES[name];
      const all = [...this.groups.values()].filter((g) => g.checkId === rule.id);
      const failures = all.filter((g) => g.severity === 'error');
      const warnings = all.filter((g) => g.severity === 'warning');
      const ran = this.ran.get(name) ?? 0;
      const status = failures.length ? 'failed' : ran ? 'passed' : 'skipped';
      return {
        id: rule.id,
        title: rule.title,
        source: rule.source,
        status,
        impact: impactOf(rule.id, 'error'),
        reason: ran ? undefined : 'nothing the client sent gave this rule anything to judge',
        message: failures.length
          ? `${rule.title}\n\n${failures.map((f) => `${f.case} (${f.count}×)\n${f.detail}`).join('\n\n')}`
          : undefined,
        ran,
        durationMs: 0,
        failures,
        warnings,
        failingCases: [...new Set(failures.flatMap((f) => f.cases))],
      };
    });
    const now = Date.now();
    const area: AreaRecord = {
      id: 'client',
      title: 'The client, graded by the reference mock',
      usage: { inputTokens: 0, outputTokens: 0 },
      durationMs: now - this.startedAt.getTime(),
      exchanges: this.count,
      requests: this.count,
      checks,
      coverage: { sent: [], observed: [] },
    };
    const results = buildResults(
      {
        baseUrl: this.info.url(),
        embedded: true,
        profile: 'client',
        seed: this.info.seed,
        runs: 1,
        startedAt: this.startedAt.toISOString(),
        durationMs: area.durationMs,
      },
      this.contract,
      [area],
    );
    results.target.label = 'client of the reference mock';
    return { requests: [...this.verdicts], results };
  }
}

/** Who sent a request, as far as a retry must be paired with its first attempt (hashed: no key is kept). */
function clientKey(req: MockRequest): string {
  return hash(
    `${req.headers['x-api-key'] ?? req.headers.authorization ?? ''}\n${req.headers['user-agent'] ?? ''}`,
  ).slice(0, 8);
}

/** The request itself (method, path, query, body): the same key is the same request sent again. */
const requestKey = (req: MockRequest) => hash(`${req.method} ${req.path}?${req.query.toString()}\n${req.body}`);

/** The content blocks a stream carried, as far as it was written. */
function sentContent(events: MockEvent[]): Json[] {
  const blocks: Json[] = [];
  for (const e of events) {
    const d = e.data;
    if (e.event === 'content_block_start') blocks[Number(d.index)] = { ...(d.content_block as Json) };
    if (e.event !== 'content_block_delta') continue;
    const b = blocks[Number(d.index)];
    const delta = d.delta as Json;
    if (!b) continue;
    if (delta.type === 'text_delta') b.text = `${String(b.text ?? '')}${String(delta.text)}`;
    if (delta.type === 'thinking_delta') b.thinking = `${String(b.thinking ?? '')}${String(delta.thinking)}`;
    if (delta.type === 'signature_delta') b.signature = delta.signature;
  }
  return blocks.filter(Boolean);
}

/** The console's account of a graded client: totals, each rule broken, where the reports are. */
export function clientSummaryText(r: RunResults, dir?: string): string {
  const checks = r.areas.flatMap((a) => a.checks);
  const warnings = checks.reduce((n, c) => n + c.warnings.length, 0);
  return [
    `The client, graded by the reference mock: ${r.totals.requests} requests; rules ${r.totals.passed} kept, ${r.totals.failed} broken, ${r.totals.skipped} not observed; ${warnings} warning(s).`,
    ...checks
      .filter((c) => c.status === 'failed')
      .map((c) => `  ✗ ${c.id}: ${c.title} (${c.failures.reduce((n, f) => n + f.count, 0)} request(s))`),
    ...checks.flatMap((c) => c.warnings.map((w) => `  ! ${c.id}: ${w.key} (${w.count} request(s))`)),
    dir ? `Reports: ${dir}/ (report.html, results.json, junit.xml)` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
