/**
 * The spec's response types (generated from it: spec-types.generated.ts) against the official
 * TypeScript SDK's, compiled by tsc in `npm test` (tests/unit/typecheck.test.ts). Each assertion
 * states the whole difference between one of our schemas and the SDK type for it; the known
 * differences are listed in known-differences.ts, each with its reason. An SDK upgrade or a spec
 * change that adds, removes or retypes a member breaks an assertion: a compile error naming the
 * schema, instead of a silent gap. Of the request side, the count_tokens body is compared here
 * (CountMessageTokensParams); MessageCreateParams is the mock's issue (#14).
 */
import type * as Sdk from '@anthropic-ai/sdk/resources/messages/messages';
import type * as SdkModels from '@anthropic-ai/sdk/resources/models';
import type { PageResponse } from '@anthropic-ai/sdk/core/pagination';
import type * as Spec from './spec-types.generated';
import type { Compare, Equals, Expect, Tags, Variant } from './compare';
import type { Known } from './known-differences';

/** Whether the whole difference between a spec type and its SDK type is the one listed. */
type Check<Name extends keyof Known, S, K> = Equals<Compare<S, K>, Known[Name]>;

// ── Message and its members ──
export type Message = Expect<Check<'Message', Spec.Message, Sdk.Message>>;
export type StopReason = Expect<Equals<Exclude<Spec.StopReason, null>, Sdk.StopReason | Known['StopReason']>>;
export type FinalStopReason = Expect<Equals<Spec.FinalMessage['stop_reason'], Exclude<Spec.StopReason, null>>>;
export type StopDetails = Expect<Check<'StopDetails', Variant<Spec.StopDetails, 'refusal'>, Sdk.RefusalStopDetails>>;
export type Container = Expect<Check<'Container', NonNullable<Spec.Container>, Sdk.Container>>;
export type Usage = Expect<Check<'Usage', Spec.Usage, Sdk.Usage>>;
export type CacheCreation = Expect<Check<'CacheCreation', NonNullable<Spec.CacheCreation>, Sdk.CacheCreation>>;
export type ServerToolUsage = Expect<Check<'ServerToolUsage', NonNullable<Spec.ServerToolUsage>, Sdk.ServerToolUsage>>;
export type OutputTokensDetails = Expect<Check<'OutputTokensDetails', NonNullable<Spec.OutputTokensDetails>, Sdk.OutputTokensDetails>>;

// ── Content blocks: the same kinds, each with the same members ──
export type BlockKinds = Expect<Equals<Tags<Spec.ContentBlock>, Tags<Sdk.ContentBlock>>>;
export type TextBlock = Expect<Check<'TextBlock', Spec.TextBlock, Sdk.TextBlock>>;
export type ThinkingBlock = Expect<Check<'ThinkingBlock', Spec.ThinkingBlock, Sdk.ThinkingBlock>>;
export type RedactedThinkingBlock = Expect<Check<'RedactedThinkingBlock', Spec.RedactedThinkingBlock, Sdk.RedactedThinkingBlock>>;
export type ToolUseBlock = Expect<Check<'ToolUseBlock', Spec.ToolUseBlock, Sdk.ToolUseBlock>>;
export type ServerToolUseBlock = Expect<Check<'ServerToolUseBlock', Spec.ServerToolUseBlock, Sdk.ServerToolUseBlock>>;
export type CallerKinds = Expect<Equals<Tags<Spec.ResponseCaller>, Tags<Sdk.ToolUseBlock['caller']>>>;
export type WebSearchToolResultBlock = Expect<Check<'WebSearchToolResultBlock', Spec.WebSearchToolResultBlock, Sdk.WebSearchToolResultBlock>>;
export type WebSearchResult = Expect<Check<'WebSearchResult', Extract<Spec.WebSearchToolResultBlock['content'], unknown[]>[number], Sdk.WebSearchResultBlock>>;
export type WebSearchError = Expect<Check<'ResultError', Variant<Spec.WebSearchToolResultBlock['content'], 'web_search_tool_result_error'>, Sdk.WebSearchToolResultError>>;
export type WebFetchToolResultBlock = Expect<Check<'WebFetchToolResultBlock', Spec.WebFetchToolResultBlock, Sdk.WebFetchToolResultBlock>>;
export type WebFetchResult = Expect<Check<'WebFetchResult', Variant<Spec.WebFetchToolResultBlock['content'], 'web_fetch_result'>, Sdk.WebFetchBlock>>;
export type WebFetchError = Expect<Check<'ResultError', Variant<Spec.WebFetchToolResultBlock['content'], 'web_fetch_tool_result_error'>, Sdk.WebFetchToolResultErrorBlock>>;
export type FetchedDocument = Expect<Check<'FetchedDocument', Spec.ResponseDocumentBlock, Sdk.DocumentBlock>>;
export type CodeExecutionToolResultBlock = Expect<Check<'CodeExecutionToolResultBlock', Spec.CodeExecutionToolResultBlock, Sdk.CodeExecutionToolResultBlock>>;
export type CodeExecutionResult = Expect<Check<'CodeExecutionResult', Variant<Spec.CodeExecutionToolResultBlock['content'], 'code_execution_result'>, Sdk.CodeExecutionResultBlock>>;
export type EncryptedCodeExecutionResult = Expect<Check<'CodeExecutionResult', Variant<Spec.CodeExecutionToolResultBlock['content'], 'encrypted_code_execution_result'>, Sdk.EncryptedCodeExecutionResultBlock>>;
export type CodeExecutionError = Expect<Check<'CodeExecutionError', Spec.CodeExecutionToolError, Sdk.CodeExecutionToolResultErrorObject>>;
export type BashCodeExecutionToolResultBlock = Expect<Check<'BashCodeExecutionToolResultBlock', Spec.BashCodeExecutionToolResultBlock, Sdk.BashCodeExecutionToolResultBlock>>;
export type BashCodeExecutionResult = Expect<Check<'CodeExecutionResult', Variant<Spec.BashCodeExecutionToolResultBlock['content'], 'bash_code_execution_result'>, Sdk.BashCodeExecutionResultBlock>>;
export type TextEditorCodeExecutionToolResultBlock = Expect<Check<'TextEditorCodeExecutionToolResultBlock', Spec.TextEditorCodeExecutionToolResultBlock, Sdk.TextEditorCodeExecutionToolResultBlock>>;
export type TextEditorView = Expect<Check<'TextEditorView', Variant<Spec.TextEditorCodeExecutionToolResultBlock['content'], 'text_editor_code_execution_view_result'>, Sdk.TextEditorCodeExecutionViewResultBlock>>;
export type TextEditorCreate = Expect<Check<'TextEditorCreate', Variant<Spec.TextEditorCodeExecutionToolResultBlock['content'], 'text_editor_code_execution_create_result'>, Sdk.TextEditorCodeExecutionCreateResultBlock>>;
export type TextEditorStrReplace = Expect<Check<'TextEditorStrReplace', Variant<Spec.TextEditorCodeExecutionToolResultBlock['content'], 'text_editor_code_execution_str_replace_result'>, Sdk.TextEditorCodeExecutionStrReplaceResultBlock>>;
export type ToolSearchToolResultBlock = Expect<Check<'ToolSearchToolResultBlock', Spec.ToolSearchToolResultBlock, Sdk.ToolSearchToolResultBlock>>;
export type ToolSearchResult = Expect<Check<'ToolSearchResult', Variant<Spec.ToolSearchToolResultBlock['content'], 'tool_search_tool_search_result'>, Sdk.ToolSearchToolSearchResultBlock>>;
export type ToolSearchError = Expect<Check<'ToolSearchError', Variant<Spec.ToolSearchToolResultBlock['content'], 'tool_search_tool_result_error'>, Sdk.ToolSearchToolResultError>>;
export type ContainerUploadBlock = Expect<Check<'ContainerUploadBlock', Spec.ContainerUploadBlock, Sdk.ContainerUploadBlock>>;

// ── Citations: the five kinds, each with the same members ──
export type CitationKinds = Expect<Equals<Tags<Spec.TextCitation>, Tags<Sdk.TextCitation>>>;
export type CharLocation = Expect<Check<'CharLocation', Variant<Spec.TextCitation, 'char_location'>, Sdk.CitationCharLocation>>;
export type PageLocation = Expect<Check<'DocumentLocation', Variant<Spec.TextCitation, 'page_location'>, Sdk.CitationPageLocation>>;
export type ContentBlockLocation = Expect<Check<'DocumentLocation', Variant<Spec.TextCitation, 'content_block_location'>, Sdk.CitationContentBlockLocation>>;
export type WebSearchResultLocation = Expect<Check<'WebSearchResultLocation', Variant<Spec.TextCitation, 'web_search_result_location'>, Sdk.CitationsWebSearchResultLocation>>;
export type SearchResultLocation = Expect<Check<'SearchResultLocation', Variant<Spec.TextCitation, 'search_result_location'>, Sdk.CitationsSearchResultLocation>>;

// ── Stream events and deltas ──
export type EventKinds = Expect<Equals<Tags<Spec.MessageStreamEvent>, Tags<Sdk.RawMessageStreamEvent> | Known['ExtraEvents']>>;
export type MessageStartEvent = Expect<Check<'MessageStartEvent', Spec.MessageStartEvent, Sdk.RawMessageStartEvent>>;
export type MessageStartStopReason = Expect<Equals<Spec.MessageStartEvent['message']['stop_reason'], null>>;
export type ContentBlockStartEvent = Expect<Check<'Event', Spec.ContentBlockStartEvent, Sdk.RawContentBlockStartEvent>>;
export type ContentBlockDeltaEvent = Expect<Check<'Event', Spec.ContentBlockDeltaEvent, Sdk.RawContentBlockDeltaEvent>>;
export type ContentBlockStopEvent = Expect<Check<'Event', Spec.ContentBlockStopEvent, Sdk.RawContentBlockStopEvent>>;
export type MessageDeltaEvent = Expect<Check<'Event', Spec.MessageDeltaEvent, Sdk.RawMessageDeltaEvent>>;
export type MessageDelta = Expect<Check<'MessageDelta', Spec.MessageDeltaEvent['delta'], Sdk.RawMessageDeltaEvent.Delta>>;
export type MessageDeltaUsage = Expect<Check<'MessageDeltaUsage', Spec.MessageDeltaUsage, Sdk.MessageDeltaUsage>>;
export type MessageStopEvent = Expect<Check<'Event', Spec.MessageStopEvent, Sdk.RawMessageStopEvent>>;
export type DeltaKinds = Expect<Equals<Tags<Spec.ContentBlockDelta>, Tags<Sdk.RawContentBlockDelta>>>;
export type TextDelta = Expect<Check<'Event', Variant<Spec.ContentBlockDelta, 'text_delta'>, Sdk.TextDelta>>;
export type InputJSONDelta = Expect<Check<'Event', Variant<Spec.ContentBlockDelta, 'input_json_delta'>, Sdk.InputJSONDelta>>;
export type ThinkingDelta = Expect<Check<'Event', Variant<Spec.ContentBlockDelta, 'thinking_delta'>, Sdk.ThinkingDelta>>;
export type SignatureDelta = Expect<Check<'Event', Variant<Spec.ContentBlockDelta, 'signature_delta'>, Sdk.SignatureDelta>>;
export type CitationsDelta = Expect<Check<'Event', Variant<Spec.ContentBlockDelta, 'citations_delta'>, Sdk.CitationsDelta>>;

// ── count_tokens and models ──
export type CountMessageTokensParams = Expect<Check<'CountMessageTokensParams', Spec.CountMessageTokensParams, Sdk.MessageCountTokensParams>>;
export type MessageTokensCount = Expect<Check<'MessageTokensCount', Spec.MessageTokensCount, Sdk.MessageTokensCount>>;
export type ModelInfo = Expect<Check<'ModelInfo', Spec.ModelInfo, SdkModels.ModelInfo>>;
export type ModelListResponse = Expect<Check<'ModelListResponse', Spec.ModelListResponse, PageResponse<SdkModels.ModelInfo>>>;

// ── The comparison itself is shown to catch a removed member (so that it cannot pass vacuously) ──
// @ts-expect-error Usage without service_tier differs from the SDK's Usage in `missing`: this line must not compile.
export type RemovedMemberIsCaught = Expect<Check<'Usage', Omit<Spec.Usage, 'service_tier'>, Sdk.Usage>>;
