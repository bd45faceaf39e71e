/**
 * Every known difference between the spec's types (responses and request bodies) and the official TypeScript SDK's
 * (@anthropic-ai/sdk, see package.json), each with its reason. sdk-drift.ts asserts that these are
 * the differences, no more and no fewer: a new SDK member the spec lacks, or one the spec drops,
 * fails to compile until it is modelled or listed here.
 *
 * Three reasons recur:
 * - OLD: the SDK types the member as required, but answers from before it existed omit it (real
 *   traffic, tests/fixtures/recorded/README.md): the spec allows it absent, and checks it when present.
 * - BETA: the spec also knows the beta path's values (the SDK's Beta* types), which real answers to
 *   `?beta=true` carry (recorded: stop_reason compaction, server tool advisor).
 * - OPEN: the spec's unions end in an open variant (new kinds are warnings, not failures); the
 *   generated types leave it out, as the SDK has none, so it shows nowhere here.
 */
import type { Differs, Same } from './compare';

export interface Known {
  /** No difference at all (the request kinds and members below that match the SDK's exactly). */
  None: Same;
  /** OLD: stop_details, container and diagnostics are 2026 members. model: the SDK's Model lists ids for autocompletion (it ends in `string & {}`); any string is valid. BETA: stop_reason compaction. */
  Message: Differs<{ optional: 'container' | 'diagnostics' | 'stop_details'; types: 'model' | 'stop_reason' }>;
  /** BETA: compaction (BetaStopReason). */
  StopReason: 'compaction';
  StopDetails: Same;
  /** OLD: skills came with the skills beta; containers before it carry id and expires_at. */
  Container: Differs<{ optional: 'skills' }>;
  /** OLD: usage grew over time; 2024 answers carry input_tokens and output_tokens alone. */
  Usage: Differs<{
    optional:
      | 'server_tool_use'
      | 'service_tier'
      | 'cache_creation_input_tokens'
      | 'cache_read_input_tokens'
      | 'cache_creation'
      | 'inference_geo'
      | 'output_tokens_details'
      | 'speed';
  }>;
  CacheCreation: Same;
  /** OLD: real answers carry web_search_requests alone (recorded stream-server-tool-*). */
  ServerToolUsage: Differs<{ optional: 'web_fetch_requests' }>;
  OutputTokensDetails: Same;
  /** OLD: citations is absent when none were produced (never null in real traffic). */
  TextBlock: Differs<{ optional: 'citations' }>;
  ThinkingBlock: Same;
  RedactedThinkingBlock: Same;
  /** OLD: caller is a 2026 member. */
  ToolUseBlock: Differs<{ optional: 'caller' }>;
  /** OLD: caller is a 2026 member. BETA: the advisor server tool. */
  ServerToolUseBlock: Differs<{ optional: 'caller'; types: 'name' }>;
  /** OLD: caller is a 2026 member. */
  WebSearchToolResultBlock: Differs<{ optional: 'caller' }>;
  /** OLD: page_age may be absent on early results. */
  WebSearchResult: Differs<{ optional: 'page_age' }>;
  ResultError: Same;
  /** OLD: caller is a 2026 member. */
  WebFetchToolResultBlock: Differs<{ optional: 'caller' }>;
  /** OLD: retrieved_at may be absent. */
  WebFetchResult: Differs<{ optional: 'retrieved_at' }>;
  /** OLD: title and citations may be absent on a fetched document. */
  FetchedDocument: Differs<{ optional: 'citations' | 'title' }>;
  CodeExecutionToolResultBlock: Same;
  CodeExecutionResult: Same;
  /**
   * One error schema serves the code execution, bash and text editor results (CodeExecutionToolError):
   * its type is any of the three error types, its error_code any of their codes, and error_message
   * (the text editor's) is optional.
   */
  CodeExecutionError: Differs<{ extra: 'error_message'; types: 'type' | 'error_code' }>;
  BashCodeExecutionToolResultBlock: Same;
  TextEditorCodeExecutionToolResultBlock: Same;
  /** OLD: the line counts may be absent (null when unknown). */
  TextEditorView: Differs<{ optional: 'num_lines' | 'start_line' | 'total_lines' }>;
  TextEditorCreate: Same;
  /** OLD: the diff members may be absent (null when unknown). */
  TextEditorStrReplace: Differs<{ optional: 'lines' | 'new_lines' | 'new_start' | 'old_lines' | 'old_start' }>;
  ToolSearchToolResultBlock: Same;
  ToolSearchResult: Same;
  /** OLD: error_message may be absent. */
  ToolSearchError: Differs<{ optional: 'error_message' }>;
  ContainerUploadBlock: Same;
  /** OLD: early citations carry no file_id (recorded document-*); document_title may be absent. */
  CharLocation: Differs<{ optional: 'file_id' | 'document_title' }>;
  /** OLD: as CharLocation. */
  DocumentLocation: Differs<{ optional: 'file_id' | 'document_title' }>;
  /** OLD: title may be absent. */
  WebSearchResultLocation: Differs<{ optional: 'title' }>;
  /** OLD: title may be absent. */
  SearchResultLocation: Differs<{ optional: 'title' }>;
  /** ping and error are stream events the API sends (the streaming docs) that the SDK handles outside its event union. */
  ExtraEvents: 'ping' | 'error';
  MessageStartEvent: Same;
  Event: Same;
  /** OLD: until 2026 message_delta carried stop_reason and stop_sequence alone (stop_sequence absent in some). BETA: stop_reason compaction. */
  MessageDelta: Differs<{ optional: 'stop_sequence' | 'container' | 'stop_details'; types: 'stop_reason' }>;
  /** OLD: until August 2025 message_delta usage carried output_tokens alone. */
  MessageDeltaUsage: Differs<{
    optional:
      | 'server_tool_use'
      | 'input_tokens'
      | 'cache_creation_input_tokens'
      | 'cache_read_input_tokens'
      | 'output_tokens_details';
  }>;
  /**
   * The request side of count_tokens. MISSING: user_profile_id and workspace_id are header params the
   * SDK sends as headers, not body members. BETA: context_management, mcp_servers and output_format
   * (the Beta params'; marked x-anthropic-beta). model: as in Message.
   */
  CountMessageTokensParams: Differs<{
    missing: 'user_profile_id' | 'workspace_id';
    extra: 'context_management' | 'mcp_servers' | 'output_format';
    types: 'model';
  }>;
  /**
   * The request side of /v1/messages (MessageCreateParamsBase). MISSING: user_profile_id and
   * workspace_id are header params (spec parameters anthropic-user-profile-id and
   * anthropic-workspace-id). EXTRA: temperature, top_p and top_k, which SDK 1.x dropped with API
   * version 2026-10-21; the API still takes them under 2023-06-01 (the version the suite speaks).
   * BETA: context_management, mcp_servers and output_format. model: as in Message.
   * Not a type difference but one worth stating: a role "system" message takes text alone
   * (SystemMessageParam); the spec's InputMessage states it as request rule system_message_text_only.
   */
  CreateMessageParams: Differs<{
    missing: 'user_profile_id' | 'workspace_id';
    extra: 'temperature' | 'top_p' | 'top_k' | 'context_management' | 'mcp_servers' | 'output_format';
    types: 'model';
  }>;
  /** BETA: the beta path's block params the spec also accepts on beta requests (advisor_tool_result through the *_tool_result pattern). */
  BetaContentBlockParams: 'mcp_tool_use' | 'mcp_tool_result' | 'compaction' | 'advisor_tool_result';
  /** BETA: the beta path's own tool kinds (BetaToolUnion), accepted on beta requests only. */
  BetaToolKinds:
    | 'mcp_toolset'
    | 'bash_20241022'
    | 'text_editor_20241022'
    | 'computer_20241022'
    | 'computer_20250124'
    | 'computer_20251124'
    | 'advisor_20260301';
  /** model: as in Message (the SDK's Model lists ids for autocompletion; any string is valid). */
  AdvisorTool: Differs<{ types: 'model' }>;
  /** OLD: the capabilities grow as the API does (between_tools, xhigh, compact_20260112 came later): each is checked when present, none required. */
  ModelCapabilities: Differs<{
    optional:
      | 'batch'
      | 'citations'
      | 'code_execution'
      | 'context_management'
      | 'effort'
      | 'image_input'
      | 'pdf_input'
      | 'server_tools'
      | 'structured_outputs'
      | 'thinking';
  }>;
  /** OLD: as ModelCapabilities. */
  CapabilityDetails: Differs<{ optional: 'clear_thinking_20251015' | 'clear_tool_uses_20250919' | 'compact_20260112' }>;
  /** OLD: as ModelCapabilities. */
  EffortCapability: Differs<{ optional: 'low' | 'medium' | 'high' | 'max' | 'xhigh' }>;
  /** OLD: as ModelCapabilities. */
  ServerToolsCapability: Differs<{ optional: 'code_execution' | 'web_search' }>;
  /** OLD: as ModelCapabilities. */
  ThinkingCapability: Differs<{ optional: 'types' }>;
  /** OLD: as ModelCapabilities (between_tools is a 2026 kind). */
  ThinkingTypes: Differs<{ optional: 'adaptive' | 'between_tools' | 'disabled' | 'enabled' }>;
  /** BETA: context_management (BetaMessageTokensCount). */
  MessageTokensCount: Differs<{ extra: 'context_management' }>;
  /** OLD: answers from before 2026-03 carry type, id, display_name and created_at alone. */
  ModelInfo: Differs<{
    optional:
      'capabilities' | 'max_input_tokens' | 'max_tokens' | 'lifecycle' | 'line' | 'deprecated_at' | 'retires_at';
  }>;
  ModelListResponse: Same;
}
