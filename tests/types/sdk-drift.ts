/**
 * The spec's response types (generated from it: spec-types.generated.ts) against the official
 * TypeScript SDK's, compiled by tsc in `npm test` (its first step). Each assertion
 * states the whole difference between one of our schemas and the SDK type for it; the known
 * differences are listed in known-differences.ts, each with its reason. An SDK upgrade or a spec
 * change that adds, removes or retypes a member breaks an assertion: a compile error naming the
 * schema, instead of a silent gap. The request side is compared too: both bodies at the top, then
 * union by union (message roles, thinking kinds, content block kinds at every level, tool kinds,
 * tool_choice kinds) both ways, and each kind's members, so that a kind a new SDK adds is a compile
 * error here before it is a false rejection of what the SDK sends.
 */
import type * as Sdk from '@anthropic-ai/sdk/resources/messages/messages';
import type * as SdkModels from '@anthropic-ai/sdk/resources/models';
import type * as SdkBeta from '@anthropic-ai/sdk/resources/beta/messages/messages';
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

// ── The request side, union by union: each kind the SDK can send is one the spec accepts, and back ──
type ArrayItem<T> = T extends ReadonlyArray<infer I> ? I : never;
type ToolResultItem<T> = T extends { content?: infer C } ? ArrayItem<NonNullable<C>> : never;
type SdkToolResultContent = ToolResultItem<Sdk.ToolResultBlockParam>;
type SpecToolResultContent = ToolResultItem<Spec.RequestToolResultBlock>;
export type CreateMessageParams = Expect<Check<'CreateMessageParams', Spec.CreateMessageParams, Sdk.MessageCreateParamsBase>>;
export type MessageRoles = Expect<Equals<Spec.InputMessage['role'], Sdk.MessageParam['role']>>;
export type ThinkingKinds = Expect<Equals<Tags<Spec.ThinkingConfig>, Tags<Sdk.ThinkingConfigParam>>>;
export type ThinkingEnabled = Expect<Check<'None', Variant<Spec.ThinkingConfig, 'enabled'>, Sdk.ThinkingConfigEnabled>>;
export type ThinkingAdaptive = Expect<Check<'None', Variant<Spec.ThinkingConfig, 'adaptive'>, Sdk.ThinkingConfigAdaptive>>;
export type ThinkingBetweenTools = Expect<Check<'None', Variant<Spec.ThinkingConfig, 'between_tools'>, Sdk.ThinkingConfigBetweenTools>>;
export type ContentBlockParamKinds = Expect<Equals<Tags<Spec.InputContentBlock>, Tags<Sdk.ContentBlockParam> | Known['BetaContentBlockParams']>>;
export type ToolResultContentKinds = Expect<Equals<Tags<SpecToolResultContent>, Tags<SdkToolResultContent>>>;
export type BrowserStateBlock = Expect<Check<'None', Variant<SpecToolResultContent, 'browser_state'>, Sdk.BrowserStateBlockParam>>;
export type BrowserStateTab = Expect<Check<'None', ArrayItem<Spec.RequestBrowserStateBlock['tabs']>, Sdk.BrowserStateTabEntry>>;
export type BrowserStateChangeKinds = Expect<Equals<Tags<ArrayItem<NonNullable<Spec.RequestBrowserStateBlock['state_changes']>>>, Tags<Sdk.BrowserStateChange>>>;
export type ImageSourceKinds = Expect<Equals<Tags<Spec.RequestImageBlock['source']>, Tags<Sdk.ImageBlockParam['source']>>>;
export type DocumentSourceKinds = Expect<Equals<Tags<Spec.RequestDocumentBlock['source']>, Tags<Sdk.DocumentBlockParam['source']>>>;
export type DocumentContentKinds = Expect<Equals<Tags<ArrayItem<Extract<Variant<Spec.RequestDocumentBlock['source'], 'content'>['content'], unknown[]>>>, Tags<Sdk.ContentBlockSourceContent>>>;
export type SystemBlockKinds = Expect<Equals<Tags<ArrayItem<Spec.SystemPrompt>>, Tags<ArrayItem<Sdk.MessageCreateParamsBase['system']>>>>;
export type ToolChoiceKinds = Expect<Equals<Tags<Spec.ToolChoice>, Tags<Sdk.ToolChoice>>>;
export type ToolKinds = Expect<Equals<Tags<Spec.Tool>, Tags<Sdk.ToolUnion> | Known['BetaToolKinds']>>;
export type BetaToolKinds = Expect<Equals<Tags<Spec.Tool>, Tags<SdkBeta.BetaToolUnion>>>;
export type BetaBashTool20241022 = Expect<Check<'None', Spec.BetaBashTool20241022, SdkBeta.BetaToolBash20241022>>;
export type BetaTextEditorTool20241022 = Expect<Check<'None', Spec.BetaTextEditorTool20241022, SdkBeta.BetaToolTextEditor20241022>>;
export type BetaComputerTool = Expect<Check<'None', Spec.BetaComputerTool, SdkBeta.BetaToolComputerUse20241022 | SdkBeta.BetaToolComputerUse20250124>>;
export type BetaComputerTool20251124 = Expect<Check<'None', Spec.BetaComputerTool20251124, SdkBeta.BetaToolComputerUse20251124>>;
export type BetaAdvisorTool = Expect<Check<'AdvisorTool', Spec.BetaAdvisorTool, SdkBeta.BetaAdvisorTool20260301>>;
export type CountTokensToolKinds = Expect<Equals<Tags<Sdk.MessageCountTokensTool>, Tags<Sdk.ToolUnion>>>;
export type CustomTool = Expect<Check<'None', Spec.CustomTool, Sdk.Tool>>;
export type BashTool = Expect<Check<'None', Spec.BashTool, Sdk.ToolBash20250124>>;
export type CodeExecutionTool = Expect<Check<'None', Spec.CodeExecutionTool, Sdk.CodeExecutionTool20250522 | Sdk.CodeExecutionTool20250825 | Sdk.CodeExecutionTool20260120 | Sdk.CodeExecutionTool20260521>>;
export type MemoryTool = Expect<Check<'None', Spec.MemoryTool, Sdk.MemoryTool20250818>>;
export type TextEditorTool20250124 = Expect<Check<'None', Spec.TextEditorTool20250124, Sdk.ToolTextEditor20250124>>;
export type TextEditorTool20250429 = Expect<Check<'None', Spec.TextEditorTool20250429, Sdk.ToolTextEditor20250429>>;
export type TextEditorTool20250728 = Expect<Check<'None', Spec.TextEditorTool20250728, Sdk.ToolTextEditor20250728>>;
export type WebSearchTool = Expect<Check<'None', Spec.WebSearchTool, Sdk.WebSearchTool20250305 | Sdk.WebSearchTool20260209>>;
export type WebSearchTool20260318 = Expect<Check<'None', Spec.WebSearchTool20260318, Sdk.WebSearchTool20260318>>;
export type UserLocation = Expect<Check<'None', NonNullable<Spec.UserLocation>, Sdk.UserLocation>>;
export type WebFetchTool = Expect<Check<'None', Spec.WebFetchTool, Sdk.WebFetchTool20250910 | Sdk.WebFetchTool20260209>>;
export type WebFetchTool20260309 = Expect<Check<'None', Spec.WebFetchTool20260309, Sdk.WebFetchTool20260309>>;
export type WebFetchTool20260318 = Expect<Check<'None', Spec.WebFetchTool20260318, Sdk.WebFetchTool20260318>>;
export type WebFetchUrlSources = Expect<Check<'None', NonNullable<Spec.WebFetchUrlSources>, Sdk.WebFetchURLSources>>;
export type WebFetchUrlSourceKinds = Expect<Equals<Tags<Spec.WebFetchUrlSource>, Tags<NonNullable<Sdk.WebFetchURLSources['client_tool_results']>>>>;
export type ToolSearchToolBm25 = Expect<Check<'None', Spec.ToolSearchToolBm25, Sdk.ToolSearchToolBm25_20251119>>;
export type ToolSearchToolRegex = Expect<Check<'None', Spec.ToolSearchToolRegex, Sdk.ToolSearchToolRegex20251119>>;
export type BrowserToolset = Expect<Check<'None', Spec.ToolsetTool, Sdk.BrowserToolset20260801>>;
export type BrowserToolsetConfigs = Expect<Check<'None', NonNullable<Spec.BrowserToolsetConfigs>, Sdk.BrowserToolsetConfigs>>;
export type ComputerToolset = Expect<Check<'None', Spec.ComputerToolsetTool, Sdk.ComputerToolset20260801>>;
export type ComputerToolsetConfigs = Expect<Check<'None', NonNullable<Spec.ComputerToolsetConfigs>, Sdk.ComputerToolsetConfigs>>;
export type ToolsetMemberConfig = Expect<Check<'None', NonNullable<Spec.ToolsetMemberConfig>, NonNullable<Sdk.BrowserToolsetConfigs['navigate']>>>;

// ── Response members modelled since: diagnostics and model capabilities ──
export type Diagnostics = Expect<Check<'None', NonNullable<Spec.Diagnostics>, Sdk.Diagnostics>>;
export type CacheMissKinds = Expect<Equals<Tags<Spec.CacheMissReason>, Tags<Sdk.CacheMissReason>>>;
export type CacheMissChanged = Expect<Check<'None', Extract<NonNullable<Spec.CacheMissReason>, { cache_missed_input_tokens: number }>, Sdk.CacheMissModelChanged | Sdk.CacheMissSystemChanged | Sdk.CacheMissToolsChanged | Sdk.CacheMissMessagesChanged>>;
export type CacheMissOther = Expect<Check<'None', Exclude<NonNullable<Spec.CacheMissReason>, { cache_missed_input_tokens: number }>, Sdk.CacheMissPreviousMessageNotFound | Sdk.CacheMissUnavailable>>;
export type ModelCapabilities = Expect<Check<'ModelCapabilities', NonNullable<Spec.ModelCapabilities>, SdkModels.ModelCapabilities>>;
export type CapabilitySupport = Expect<Check<'None', Spec.CapabilitySupport, SdkModels.CapabilitySupport>>;
export type ContextManagementCapability = Expect<Check<'CapabilityDetails', NonNullable<Spec.ModelCapabilities>['context_management'] & {}, SdkModels.ContextManagementCapability>>;
export type EffortCapability = Expect<Check<'EffortCapability', NonNullable<Spec.ModelCapabilities>['effort'] & {}, SdkModels.EffortCapability>>;
export type ServerToolsCapability = Expect<Check<'ServerToolsCapability', NonNullable<Spec.ModelCapabilities>['server_tools'] & {}, SdkModels.ServerToolsCapability>>;
export type ThinkingCapability = Expect<Check<'ThinkingCapability', NonNullable<Spec.ModelCapabilities>['thinking'] & {}, SdkModels.ThinkingCapability>>;
export type ThinkingTypes = Expect<Check<'ThinkingTypes', NonNullable<NonNullable<Spec.ModelCapabilities>['thinking']>['types'] & {}, SdkModels.ThinkingTypes>>;

// ── The request comparison is shown to catch the gaps it exists for (each line must not compile) ──
// @ts-expect-error Roles without "system" (the spec before SystemMessageParam) differ from the SDK's MessageParam roles.
export type MissingRoleIsCaught = Expect<Equals<Exclude<Spec.InputMessage['role'], 'system'>, Sdk.MessageParam['role']>>;
// @ts-expect-error Thinking kinds without between_tools differ from the SDK's ThinkingConfigParam.
export type MissingThinkingKindIsCaught = Expect<Equals<Exclude<Tags<Spec.ThinkingConfig>, 'between_tools'>, Tags<Sdk.ThinkingConfigParam>>>;
// @ts-expect-error tool_result content without browser_state differs from the SDK's ToolResultBlockParam content.
export type MissingToolResultKindIsCaught = Expect<Equals<Exclude<Tags<SpecToolResultContent>, 'browser_state'>, Tags<SdkToolResultContent>>>;
// @ts-expect-error A server tool whose max_uses were left unmodelled differs from the SDK's WebSearchTool20250305.
export type MissingToolMemberIsCaught = Expect<Check<'None', Omit<Spec.WebSearchTool, 'max_uses'>, Sdk.WebSearchTool20250305 | Sdk.WebSearchTool20260209>>;
