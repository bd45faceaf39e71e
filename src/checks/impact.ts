/**
 * What a broken rule does to the clients of the server, stated once per check with its reason:
 * - breaks_clients: an SDK throws, content is lost, a stream cannot be reassembled, a valid request
 *   is refused — Claude Code, an agent or an SDK app fails on it;
 * - deviates: differs from the API, but clients cope (they ignore it or work around it);
 * - advisory: warnings and unverified expectations (any check's warning is advisory).
 * The console, the HTML report and the matrix order findings by it; the summary counts each class.
 * A Record over CheckId: a new check without an impact does not compile.
 */
import type { CheckId } from './registry';

export type Impact = 'breaks_clients' | 'deviates' | 'advisory';

export const IMPACT_ORDER: Impact[] = ['breaks_clients', 'deviates', 'advisory'];
export const IMPACT_WORDS: Record<Impact, string> = {
  breaks_clients: 'breaks clients',
  deviates: 'deviates',
  advisory: 'advisory',
};

const breaks = (why: string) => ({ impact: 'breaks_clients' as const, why });
const deviates = (why: string) => ({ impact: 'deviates' as const, why });

export const IMPACT: Record<CheckId, { impact: Exclude<Impact, 'advisory'>; why: string }> = {
  transport_complete: breaks('no complete answer: every client sees a connection error or a hang'),
  status_code_documented: deviates(
    'SDKs map any status to an error class; an undocumented one still raises, with a less precise class',
  ),
  content_type_conformance: breaks('the SDKs choose JSON or SSE parsing by content-type: a wrong one fails parsing'),
  request_id_header: deviates('only support tickets and logs read request-id; requests still succeed'),
  response_headers_conformance: deviates(
    'malformed rate-limit or id headers mislead retry and logging, the answer itself is read',
  ),
  valid_utf8: breaks('invalid UTF-8 is replaced or rejected by JSON parsers: text is corrupted'),
  information_exposure: deviates(
    'a stack trace or internal path in an error leaks internals; clients still read the error',
  ),
  response_schema_conformance: breaks(
    'typed SDKs and clients read the members the schema promises: a missing or mistyped one throws or loses content',
  ),
  error_envelope: breaks(
    'the SDKs read error.type and error.message: another shape gives an opaque error and wrong retries',
  ),
  sse_framing: breaks('a malformed frame stops the SDK stream parser'),
  stream_event_schema: breaks(
    'stream consumers switch on event and delta types: a malformed event is dropped or throws',
  ),
  stream_grammar: breaks('the SDK accumulators reject events out of order ("Unexpected event order")'),
  stream_message_valid: breaks('the message a client reassembles from the stream is not a valid Message'),
  stream_not_buffered: deviates(
    'a buffered stream arrives whole at the end: clients work, but show nothing until it is done',
  ),
  stream_first_token_time: deviates('the first token comes later than the limit set for this target'),
  positive_data_acceptance: breaks('a request the API accepts is refused: the client feature that sends it fails'),
  negative_data_rejection: deviates(
    'an invalid request is accepted: clients that send valid ones are unaffected, bugs go unnoticed',
  ),
  auth_and_version: deviates('keys or versions not enforced: a security and compatibility gap, not a client failure'),
  max_tokens_honoured: breaks('answers past max_tokens overrun budgets and context windows clients plan with'),
  stop_sequence_honoured: breaks(
    'agents stop parsing at their stop sequence: text past it, or the wrong stop_reason, breaks their loop',
  ),
  tool_choice_honoured: breaks('an agent that forces a tool gets no tool call (or invalid input) and cannot continue'),
  thinking_honoured: breaks('thinking blocks without signatures cannot be sent back: the next turn fails'),
  input_tokens_nonzero: breaks(
    'a count of 0 for a request with content: context meters and auto-compaction (Claude Code) read it and never compact',
  ),
  usage_accounts_for_content: deviates(
    'usage drives cost and context meters: wrong counts mislead, the answer is still read',
  ),
  error_message_names_field: deviates('a message naming the wrong field misleads whoever debugs the request'),
  stop_reason_known: deviates('clients switch on stop_reason: an unknown value takes their default branch'),
  new_values_named: deviates('a new value the spec does not list yet: clients with closed enums may reject it'),
  operation_implemented: breaks(
    'clients that call the operation (Claude Code calls count_tokens and models) fail there',
  ),
  stream_json_same_shape: deviates(
    'a stream and its JSON twin describe the answer differently: one of the two paths misleads',
  ),
  request_id_unique: deviates('repeated request-ids make logs and support requests ambiguous'),
  count_tokens_matches_usage: deviates('a count far from the usage misleads context meters and auto-compaction'),
  models_pagination: breaks('a client walking the list by its cursors loops, skips or repeats models'),
  models_newest_first: deviates('model pickers that take the first entry as the newest choose an older model'),
  model_retrieve_consistent: deviates('a model retrieved by id answers another model than the list names'),
  prompt_cache_accounting: deviates(
    'cache counters that do not add up mislead cost and context accounting; answers are still read',
  ),
  citations_valid: breaks(
    'a citation whose quote is not in the document sends a reader to the wrong place: the cited content is lost',
  ),
  content_counted: breaks(
    'an image or document that adds no input tokens never reached the model: the content is lost',
  ),
  content_reaches_model: deviates('the answer does not show the content it was given (a real-model probe)'),
  tool_round_trip: breaks(
    'an agent sends its tool_result back and gets an error or a malformed answer: its loop stops',
  ),
  parallel_tool_round_trip: breaks('answers to parallel tool calls lost or refused: the agent cannot continue'),
  thinking_round_trip: breaks(
    'thinking sent back with the tool result is refused or altered: extended-thinking agents fail on the second turn',
  ),
  prefill_continued: deviates(
    'a prefilled answer is not continued as the API does; clients that prefill get a different shape',
  ),
  tool_input_streamed: breaks(
    'a streamed tool call without its input_json_delta: clients that join the deltas get empty input',
  ),
  tool_result_image_counted: breaks('an image inside a tool_result never reached the model: the content is lost'),
  client_request_conforms: deviates(
    'the client sent a request the contract refuses (judged by the validating proxy): the server may refuse it',
  ),
  models_listed_accepted: breaks('a model the list offers is refused by /v1/messages: pickers offer models that fail'),
};

/** The impact of a finding: a warning is advisory; a failure takes its check's class (a user's check: deviates). */
export function impactOf(checkId: string, severity: string): Impact {
  if (severity === 'warning') return 'advisory';
  return IMPACT[checkId as CheckId]?.impact ?? 'deviates';
}
