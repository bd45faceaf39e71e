/* Generated from openapi/anthropic-messages-api-openapi.yml by tests/types/generate.ts: do not edit. */
/* eslint-disable */
export type AllowedCallers = Array<"direct" | "code_execution_20250825" | "code_execution_20260120" | "code_execution_20260521">;
export type Base64ImageSource = {
  type: "base64";
  media_type: "image/jpeg" | "image/png" | "image/gif" | "image/webp";
  data: string;
};
export type BashCodeExecutionToolResultBlock = {
  type: "bash_code_execution_tool_result";
  tool_use_id: ServerToolUseId;
  content: {
    type: "bash_code_execution_result";
    stdout: string;
    stderr: string;
    return_code: number;
    content: CodeExecutionOutputFiles;
  } | CodeExecutionToolError;
};
export type BashTool = {
  type: "bash_20250124";
  name: "bash";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  input_examples?: Array<{ [key: string]: unknown }>;
};
export type BetaAdvisorTool = {
  type: "advisor_20260301";
  name: "advisor";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  model: Model;
  caching?: CacheControl;
  max_tokens?: number | null;
  max_uses?: number | null;
};
export type BetaBashTool20241022 = {
  type: "bash_20241022";
  name: "bash";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  input_examples?: Array<{ [key: string]: unknown }>;
};
export type BetaComputerTool = {
  type: "computer_20241022" | "computer_20250124";
  name: "computer";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  input_examples?: Array<{ [key: string]: unknown }>;
  display_width_px: number;
  display_height_px: number;
  display_number?: number | null;
};
export type BetaComputerTool20251124 = {
  type: "computer_20251124";
  name: "computer";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  input_examples?: Array<{ [key: string]: unknown }>;
  display_width_px: number;
  display_height_px: number;
  display_number?: number | null;
  enable_zoom?: boolean;
};
export type BetaTextEditorTool20241022 = {
  type: "text_editor_20241022";
  name: "str_replace_editor";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  input_examples?: Array<{ [key: string]: unknown }>;
};
export type BrowserToolsetConfigs = {
  navigate?: ToolsetMemberConfig;
  list_tabs?: ToolsetMemberConfig;
  new_tab?: ToolsetMemberConfig;
  switch_tab?: ToolsetMemberConfig;
  close_tab?: ToolsetMemberConfig;
  read_page?: ToolsetMemberConfig;
  get_page_text?: ToolsetMemberConfig;
  read_console?: ToolsetMemberConfig;
  read_network?: ToolsetMemberConfig;
  find?: ToolsetMemberConfig;
  form_input?: ToolsetMemberConfig;
  file_upload?: ToolsetMemberConfig;
  scroll_to?: ToolsetMemberConfig;
  screenshot?: ToolsetMemberConfig;
  zoom?: ToolsetMemberConfig;
  left_click?: ToolsetMemberConfig;
  right_click?: ToolsetMemberConfig;
  middle_click?: ToolsetMemberConfig;
  double_click?: ToolsetMemberConfig;
  triple_click?: ToolsetMemberConfig;
  hover?: ToolsetMemberConfig;
  left_click_drag?: ToolsetMemberConfig;
  left_mouse_down?: ToolsetMemberConfig;
  left_mouse_up?: ToolsetMemberConfig;
  mouse_move?: ToolsetMemberConfig;
  scroll?: ToolsetMemberConfig;
  type?: ToolsetMemberConfig;
  key?: ToolsetMemberConfig;
  hold_key?: ToolsetMemberConfig;
  wait?: ToolsetMemberConfig;
  javascript_exec?: ToolsetMemberConfig;
} | null;
export type CacheControl = {
  type: "ephemeral";
  ttl?: "5m" | "1h";
} | null;
export type CacheCreation = {
  ephemeral_5m_input_tokens: number;
  ephemeral_1h_input_tokens: number;
} | null;
export type CacheMissReason = {
  type: "model_changed" | "system_changed" | "tools_changed" | "messages_changed";
  cache_missed_input_tokens: number;
} | {
  type: "previous_message_not_found" | "unavailable";
} | null;
export type Caller = {
  type: string;
  tool_id?: string;
};
export type CapabilitySupport = {
  supported: boolean;
};
export type CodeExecutionOutputFiles = Array<{
  type: "code_execution_output" | "bash_code_execution_output";
  file_id: string;
}>;
export type CodeExecutionTool = {
  type: "code_execution_20250522" | "code_execution_20250825" | "code_execution_20260120" | "code_execution_20260521";
  name: "code_execution";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
};
export type CodeExecutionToolError = {
  type: "code_execution_tool_result_error" | "bash_code_execution_tool_result_error" | "text_editor_code_execution_tool_result_error";
  error_code: "invalid_tool_input" | "unavailable" | "too_many_requests" | "execution_time_exceeded" | "output_file_too_large" | "file_not_found";
  error_message?: string | null;
};
export type CodeExecutionToolResultBlock = {
  type: "code_execution_tool_result";
  tool_use_id: ServerToolUseId;
  content: {
    type: "code_execution_result";
    stdout: string;
    stderr: string;
    return_code: number;
    content: CodeExecutionOutputFiles;
  } | {
    type: "encrypted_code_execution_result";
    encrypted_stdout: string;
    stderr: string;
    return_code: number;
    content: CodeExecutionOutputFiles;
  } | CodeExecutionToolError;
};
export type ComputerToolsetConfigs = {
  key?: ToolsetMemberConfig;
  hold_key?: ToolsetMemberConfig;
  type?: ToolsetMemberConfig;
  cursor_position?: ToolsetMemberConfig;
  mouse_move?: ToolsetMemberConfig;
  left_mouse_down?: ToolsetMemberConfig;
  left_mouse_up?: ToolsetMemberConfig;
  left_click?: ToolsetMemberConfig;
  left_click_drag?: ToolsetMemberConfig;
  right_click?: ToolsetMemberConfig;
  middle_click?: ToolsetMemberConfig;
  double_click?: ToolsetMemberConfig;
  triple_click?: ToolsetMemberConfig;
  scroll?: ToolsetMemberConfig;
  wait?: ToolsetMemberConfig;
  screenshot?: ToolsetMemberConfig;
  zoom?: ToolsetMemberConfig;
} | null;
export type ComputerToolsetTool = {
  type: "computer_toolset_20260801";
  configs?: ComputerToolsetConfigs;
  cache_control?: CacheControl;
};
export type Container = {
  id: string;
  expires_at: string;
  skills?: Array<{
    type: "anthropic" | "custom";
    skill_id: string;
    version: string;
  }> | null;
} | null;
export type ContainerUploadBlock = {
  type: "container_upload";
  file_id: string;
};
export type ContentBlock = TextBlock | ThinkingBlock | RedactedThinkingBlock | ToolUseBlock | ServerToolUseBlock | WebSearchToolResultBlock | WebFetchToolResultBlock | CodeExecutionToolResultBlock | BashCodeExecutionToolResultBlock | TextEditorCodeExecutionToolResultBlock | ToolSearchToolResultBlock | ContainerUploadBlock;
export type ContentBlockDelta = {
  type: "text_delta";
  text: string;
} | {
  type: "input_json_delta";
  partial_json: string;
} | {
  type: "thinking_delta";
  thinking: string;
} | {
  type: "signature_delta";
  signature: string;
} | {
  type: "citations_delta";
  citation: TextCitation;
};
export type ContentBlockDeltaEvent = {
  type: "content_block_delta";
  index: number;
  delta: ContentBlockDelta;
};
export type ContentBlockStartEvent = {
  type: "content_block_start";
  index: number;
  content_block: ContentBlock;
};
export type ContentBlockStopEvent = {
  type: "content_block_stop";
  index: number;
};
export type ContextManagementConfig = { [key: string]: unknown } | null;
export type CountMessageTokensParams = {
  model: Model;
  messages: InputMessages;
  system?: SystemPrompt;
  tools?: Tools;
  tool_choice?: ToolChoice;
  thinking?: ThinkingConfig;
  cache_control?: TopLevelCacheControl;
  output_config?: OutputConfig;
  speed?: Speed;
  context_management?: ContextManagementConfig;
  mcp_servers?: McpServers;
  output_format?: OutputFormat;
};
export type CreateMessageParams = {
  model: Model;
  max_tokens: number;
  messages: InputMessages;
  system?: SystemPrompt;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: Array<string>;
  stream?: boolean;
  metadata?: Metadata;
  tools?: Tools;
  tool_choice?: ToolChoice;
  thinking?: ThinkingConfig;
  service_tier?: "auto" | "standard_only";
  cache_control?: TopLevelCacheControl;
  container?: string | {
    id?: string | null;
    skills?: Array<{
      skill_id: string;
      type: "anthropic" | "custom";
      version?: string;
    }> | null;
  } | null;
  speed?: Speed;
  diagnostics?: {
    previous_message_id?: string | null;
  } | null;
  inference_geo?: string | null;
  output_config?: OutputConfig;
  context_management?: ContextManagementConfig;
  mcp_servers?: McpServers;
  output_format?: OutputFormat;
};
export type CustomTool = {
  type?: "custom" | null;
  name: string;
  description?: string;
  input_schema: InputSchema;
  cache_control?: CacheControl;
  strict?: boolean;
  eager_input_streaming?: boolean | null;
  allowed_callers?: AllowedCallers;
  defer_loading?: boolean;
  input_examples?: Array<{ [key: string]: unknown }>;
};
export type Diagnostics = {
  cache_miss_reason: CacheMissReason;
} | null;
export type ErrorEvent = {
  type: "error";
  error: ErrorObject;
  request_id?: string | null;
};
export type ErrorObject = {
  type: string;
  message: string;
  details?: { [key: string]: unknown } | null;
};
export type ErrorResponse = {
  type: "error";
  error: ErrorObject;
  request_id?: string | null;
};
export type FileSource = {
  type: "file";
  file_id: string;
};
export type FinalMessage = (Message) & ({
  stop_reason?: string;
});
export type InputContentBlock = RequestTextBlock | RequestImageBlock | RequestDocumentBlock | RequestSearchResultBlock | RequestThinkingBlock | RequestRedactedThinkingBlock | RequestToolUseBlock | RequestToolResultBlock | RequestServerToolUseBlock | RequestServerToolResultBlock | RequestContainerUploadBlock | RequestMcpToolUseBlock | RequestMcpToolResultBlock | RequestCompactionBlock;
export type InputMessage = {
  role: "user" | "assistant" | "system";
  content: string | Array<InputContentBlock>;
};
export type InputMessages = Array<InputMessage>;
export type InputSchema = {
  type: "object";
  properties?: { [key: string]: unknown } | null;
  required?: Array<string> | null;
};
export type McpServers = Array<{ [key: string]: unknown }>;
export type McpToolsetTool = {
  type: "mcp_toolset";
  mcp_server_name: string;
  default_config?: { [key: string]: unknown };
  configs?: { [key: string]: unknown } | null;
  tools?: Array<{ [key: string]: unknown }> | null;
  cache_control?: CacheControl;
};
export type MemoryTool = {
  type: "memory_20250818";
  name: "memory";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  input_examples?: Array<{ [key: string]: unknown }>;
};
export type Message = {
  id: string;
  type: "message";
  role: "assistant";
  content: Array<ContentBlock>;
  model: string;
  stop_reason: StopReason;
  stop_sequence: string | null;
  stop_details?: StopDetails;
  container?: Container;
  diagnostics?: Diagnostics;
  usage: Usage;
};
export type MessageDeltaEvent = {
  type: "message_delta";
  delta: {
    stop_reason: StopReason;
    stop_sequence?: string | null;
    stop_details?: StopDetails;
    container?: Container;
  };
  usage: MessageDeltaUsage;
};
export type MessageDeltaUsage = {
  output_tokens: number;
  input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  server_tool_use?: ServerToolUsage;
  output_tokens_details?: OutputTokensDetails;
};
export type MessageStartEvent = {
  type: "message_start";
  message: (Message) & ({
    stop_reason?: null;
  });
};
export type MessageStopEvent = {
  type: "message_stop";
};
export type MessageStreamEvent = MessageStartEvent | ContentBlockStartEvent | ContentBlockDeltaEvent | ContentBlockStopEvent | MessageDeltaEvent | MessageStopEvent | PingEvent | ErrorEvent;
export type MessageTokensCount = {
  input_tokens: number;
  context_management?: { [key: string]: unknown } | null;
};
export type Metadata = {
  user_id?: string | null;
};
export type Model = string;
export type ModelCapabilities = {
  batch?: CapabilitySupport;
  citations?: CapabilitySupport;
  code_execution?: CapabilitySupport;
  context_management?: {
    supported: boolean;
    clear_thinking_20251015?: NullableCapabilitySupport;
    clear_tool_uses_20250919?: NullableCapabilitySupport;
    compact_20260112?: NullableCapabilitySupport;
  };
  effort?: {
    supported: boolean;
    low?: CapabilitySupport;
    medium?: CapabilitySupport;
    high?: CapabilitySupport;
    max?: CapabilitySupport;
    xhigh?: NullableCapabilitySupport;
  };
  image_input?: CapabilitySupport;
  pdf_input?: CapabilitySupport;
  server_tools?: {
    supported: boolean;
    code_execution?: CapabilitySupport;
    web_search?: CapabilitySupport;
  };
  structured_outputs?: CapabilitySupport;
  thinking?: {
    supported: boolean;
    types?: {
      adaptive?: CapabilitySupport;
      between_tools?: CapabilitySupport;
      disabled?: CapabilitySupport;
      enabled?: CapabilitySupport;
    };
  };
} | null;
export type ModelInfo = {
  type: "model";
  id: string;
  display_name: string;
  created_at: string;
  max_input_tokens?: number | null;
  max_tokens?: number | null;
  capabilities?: ModelCapabilities;
  lifecycle?: "active" | "deprecated" | "retired";
  line?: "haiku" | "sonnet" | "opus" | "fable" | "mythos" | null;
  deprecated_at?: string | null;
  retires_at?: string | null;
};
export type ModelListResponse = {
  data: Array<ModelInfo>;
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
};
export type NullableCapabilitySupport = {
  supported: boolean;
} | null;
export type OtherContentBlock = {
  type: "advisor_tool_result" | "mcp_tool_use" | "mcp_tool_result" | "compaction" | "fallback" | "mcp_tool_listing";
};
export type OtherServerTool = {
  type: string;
  name?: string;
};
export type OutputConfig = {
  effort?: "low" | "medium" | "high" | "xhigh" | "max" | null;
  format?: {
    type: "json_schema";
    schema: { [key: string]: unknown };
  } | null;
};
export type OutputFormat = { [key: string]: unknown } | null;
export type OutputTokensDetails = {
  thinking_tokens: number;
} | null;
export type PingEvent = {
  type: "ping";
};
export type RedactedThinkingBlock = {
  type: "redacted_thinking";
  data: string;
};
export type RequestBrowserStateBlock = {
  type: "browser_state";
  tabs: Array<{
    tab_id: string;
    title: string;
    url: string;
    active?: boolean;
  }>;
  state_changes?: Array<{
    type: "tab_opened";
    tab_id: string;
  } | {
    type: "download_started";
    download_id: string;
    url: string;
  } | {
    type: "download_completed";
    download_id: string;
    url: string;
    path?: string | null;
    size_bytes?: number | null;
  } | {
    type: "download_failed";
    download_id: string;
    url: string;
    error?: string | null;
  }> | null;
  cache_control?: CacheControl;
};
export type RequestCompactionBlock = {
  type: "compaction";
  content?: string | null;
  encrypted_content?: string | null;
  signature?: string | null;
  tool_changes?: Array<{ [key: string]: unknown }> | null;
  cache_control?: CacheControl;
};
export type RequestContainerUploadBlock = {
  type: "container_upload";
  file_id: string;
  cache_control?: CacheControl;
};
export type RequestDocumentBlock = {
  type: "document";
  source: {
    type: "base64";
    media_type: "application/pdf";
    data: string;
  } | {
    type: "text";
    media_type: "text/plain";
    data: string;
  } | {
    type: "content";
    content: string | Array<RequestTextBlock | RequestImageBlock>;
  } | UrlSource | FileSource;
  title?: string | null;
  context?: string | null;
  citations?: {
    enabled?: boolean;
  } | null;
  cache_control?: CacheControl;
};
export type RequestImageBlock = {
  type: "image";
  source: Base64ImageSource | UrlSource | FileSource;
  cache_control?: CacheControl;
  transformations?: { [key: string]: unknown } | null;
};
export type RequestMcpToolResultBlock = {
  type: "mcp_tool_result";
  tool_use_id: string;
  content?: string | Array<RequestTextBlock>;
  is_error?: boolean;
  cache_control?: CacheControl;
};
export type RequestMcpToolUseBlock = {
  type: "mcp_tool_use";
  id: string;
  name: string;
  server_name: string;
  input: unknown;
  cache_control?: CacheControl;
};
export type RequestRedactedThinkingBlock = {
  type: "redacted_thinking";
  data: string;
};
export type RequestSearchResultBlock = {
  type: "search_result";
  source: string;
  title: string;
  content: Array<RequestTextBlock>;
  citations?: {
    enabled?: boolean;
  };
  cache_control?: CacheControl;
};
export type RequestServerToolResultBlock = {
  type: "web_search_tool_result" | "web_fetch_tool_result" | "code_execution_tool_result" | "bash_code_execution_tool_result" | "text_editor_code_execution_tool_result" | "tool_search_tool_result" | "advisor_tool_result";
  tool_use_id: string;
  content: unknown;
  cache_control?: CacheControl;
  caller?: Caller;
};
export type RequestServerToolUseBlock = {
  type: "server_tool_use";
  id: string;
  name: string;
  input: { [key: string]: unknown };
  cache_control?: CacheControl;
  caller?: Caller;
};
export type RequestTextBlock = {
  type: "text";
  text: string;
  cache_control?: CacheControl;
  citations?: Array<{ [key: string]: unknown }> | null;
};
export type RequestThinkingBlock = {
  type: "thinking";
  thinking: string;
  signature: string;
};
export type RequestToolResultBlock = {
  type: "tool_result";
  tool_use_id: string;
  content?: string | Array<RequestTextBlock | RequestImageBlock | RequestSearchResultBlock | RequestDocumentBlock | {
    type: "tool_reference";
    tool_name: string;
    cache_control?: CacheControl;
  } | RequestBrowserStateBlock>;
  is_error?: boolean;
  cache_control?: CacheControl;
  toolset_name?: string | null;
};
export type RequestToolUseBlock = {
  type: "tool_use";
  id: string;
  name: string;
  input: { [key: string]: unknown };
  cache_control?: CacheControl;
  caller?: Caller;
  toolset_name?: string | null;
};
export type ResponseCaller = {
  type: "direct";
} | {
  type: "code_execution_20250825" | "code_execution_20260120";
  tool_id: string;
};
export type ResponseDocumentBlock = {
  type: "document";
  title?: string | null;
  citations?: {
    enabled: boolean;
  } | null;
  source: {
    type: "base64" | "text";
    media_type: "application/pdf" | "text/plain";
    data: string;
  };
};
export type ServerToolUsage = {
  web_search_requests: number;
  web_fetch_requests?: number;
} | null;
export type ServerToolUseBlock = {
  type: "server_tool_use";
  id: ServerToolUseId;
  name: "web_search" | "web_fetch" | "code_execution" | "bash_code_execution" | "text_editor_code_execution" | "tool_search_tool_regex" | "tool_search_tool_bm25" | "advisor";
  input: { [key: string]: unknown };
  caller?: ResponseCaller;
};
export type ServerToolUseId = string;
export type Speed = "standard" | "fast" | null;
export type StopDetails = {
  type: "refusal";
  category: "cyber" | "bio" | "frontier_llm" | "reasoning_extraction" | "general_harms" | null;
  explanation: string | null;
} | null;
export type StopReason = "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "pause_turn" | "refusal" | "model_context_window_exceeded" | "compaction" | null;
export type SystemPrompt = string | Array<RequestTextBlock>;
export type TextBlock = {
  type: "text";
  text: string;
  citations?: Array<TextCitation> | null;
};
export type TextCitation = {
  type: "char_location";
  cited_text: string;
  document_index: number;
  document_title?: string | null;
  file_id?: string | null;
  start_char_index: number;
  end_char_index: number;
} | {
  type: "page_location";
  cited_text: string;
  document_index: number;
  document_title?: string | null;
  file_id?: string | null;
  start_page_number: number;
  end_page_number: number;
} | {
  type: "content_block_location";
  cited_text: string;
  document_index: number;
  document_title?: string | null;
  file_id?: string | null;
  start_block_index: number;
  end_block_index: number;
} | {
  type: "web_search_result_location";
  cited_text: string;
  url: string;
  title?: string | null;
  encrypted_index: string;
} | {
  type: "search_result_location";
  cited_text: string;
  search_result_index: number;
  source: string;
  title?: string | null;
  start_block_index: number;
  end_block_index: number;
};
export type TextEditorCodeExecutionToolResultBlock = {
  type: "text_editor_code_execution_tool_result";
  tool_use_id: ServerToolUseId;
  content: {
    type: "text_editor_code_execution_view_result";
    content: string;
    file_type: "text" | "image" | "pdf";
    num_lines?: number | null;
    start_line?: number | null;
    total_lines?: number | null;
  } | {
    type: "text_editor_code_execution_create_result";
    is_file_update: boolean;
  } | {
    type: "text_editor_code_execution_str_replace_result";
    lines?: Array<string> | null;
    new_lines?: number | null;
    new_start?: number | null;
    old_lines?: number | null;
    old_start?: number | null;
  } | CodeExecutionToolError;
};
export type TextEditorTool20250124 = {
  type: "text_editor_20250124";
  name: "str_replace_editor";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  input_examples?: Array<{ [key: string]: unknown }>;
};
export type TextEditorTool20250429 = {
  type: "text_editor_20250429";
  name: "str_replace_based_edit_tool";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  input_examples?: Array<{ [key: string]: unknown }>;
};
export type TextEditorTool20250728 = {
  type: "text_editor_20250728";
  name: "str_replace_based_edit_tool";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  input_examples?: Array<{ [key: string]: unknown }>;
  max_characters?: number | null;
};
export type ThinkingBlock = {
  type: "thinking";
  thinking: string;
  signature: string;
};
export type ThinkingConfig = {
  type: "enabled";
  budget_tokens: number;
  display?: "summarized" | "omitted" | null;
} | {
  type: "disabled";
} | {
  type: "between_tools";
} | {
  type: "adaptive";
  display?: "summarized" | "omitted" | null;
};
export type Tool = CustomTool | BashTool | CodeExecutionTool | MemoryTool | TextEditorTool20250124 | TextEditorTool20250429 | TextEditorTool20250728 | WebSearchTool | WebSearchTool20260318 | WebFetchTool | WebFetchTool20260309 | WebFetchTool20260318 | ToolSearchToolBm25 | ToolSearchToolRegex | ToolsetTool | ComputerToolsetTool | McpToolsetTool | BetaBashTool20241022 | BetaTextEditorTool20241022 | BetaComputerTool | BetaComputerTool20251124 | BetaAdvisorTool;
export type ToolChoice = {
  type: "auto" | "any";
  disable_parallel_tool_use?: boolean;
} | {
  type: "tool";
  name: string;
  disable_parallel_tool_use?: boolean;
} | {
  type: "none";
};
export type ToolSearchToolBm25 = {
  type: "tool_search_tool_bm25_20251119" | "tool_search_tool_bm25";
  name: "tool_search_tool_bm25";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
};
export type ToolSearchToolRegex = {
  type: "tool_search_tool_regex_20251119" | "tool_search_tool_regex";
  name: "tool_search_tool_regex";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
};
export type ToolSearchToolResultBlock = {
  type: "tool_search_tool_result";
  tool_use_id: ServerToolUseId;
  content: {
    type: "tool_search_tool_search_result";
    tool_references: Array<{
      type: "tool_reference";
      tool_name: string;
    }>;
  } | {
    type: "tool_search_tool_result_error";
    error_code: "invalid_tool_input" | "unavailable" | "too_many_requests" | "execution_time_exceeded";
    error_message?: string | null;
  };
};
export type ToolUseBlock = {
  type: "tool_use";
  id: string;
  name: string;
  input: { [key: string]: unknown };
  caller?: ResponseCaller;
  toolset_name?: string | null;
};
export type Tools = Array<Tool>;
export type ToolsetMemberConfig = {
  defer_loading?: boolean | null;
  enabled?: boolean | null;
} | null;
export type ToolsetTool = {
  type: "browser_toolset_20260801";
  configs?: BrowserToolsetConfigs;
  cache_control?: CacheControl;
};
export type TopLevelCacheControl = (CacheControl) | null;
export type UnknownEvent = {
  type: string;
};
export type UrlSource = {
  type: "url";
  url: string;
};
export type Usage = {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation?: CacheCreation;
  server_tool_use?: ServerToolUsage;
  service_tier?: "standard" | "priority" | "batch" | null;
  inference_geo?: string | null;
  output_tokens_details?: OutputTokensDetails;
  speed?: "standard" | "fast" | null;
};
export type UserLocation = {
  type: "approximate";
  city?: string | null;
  country?: string | null;
  region?: string | null;
  timezone?: string | null;
} | null;
export type WebFetchTool = {
  type: "web_fetch_20250910" | "web_fetch_20260209";
  name: "web_fetch";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  allowed_domains?: Array<string> | null;
  blocked_domains?: Array<string> | null;
  max_uses?: number | null;
  citations?: {
    enabled?: boolean;
  } | null;
  max_content_tokens?: number | null;
  url_sources?: WebFetchUrlSources;
};
export type WebFetchTool20260309 = {
  type: "web_fetch_20260309";
  name: "web_fetch";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  allowed_domains?: Array<string> | null;
  blocked_domains?: Array<string> | null;
  max_uses?: number | null;
  citations?: {
    enabled?: boolean;
  } | null;
  max_content_tokens?: number | null;
  url_sources?: WebFetchUrlSources;
  use_cache?: boolean;
};
export type WebFetchTool20260318 = {
  type: "web_fetch_20260318";
  name: "web_fetch";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  allowed_domains?: Array<string> | null;
  blocked_domains?: Array<string> | null;
  max_uses?: number | null;
  citations?: {
    enabled?: boolean;
  } | null;
  max_content_tokens?: number | null;
  url_sources?: WebFetchUrlSources;
  response_inclusion?: "full" | "excluded";
  use_cache?: boolean;
};
export type WebFetchToolResultBlock = {
  type: "web_fetch_tool_result";
  tool_use_id: ServerToolUseId;
  caller?: ResponseCaller;
  content: {
    type: "web_fetch_result";
    url: string;
    retrieved_at?: string | null;
    content: ResponseDocumentBlock;
  } | {
    type: "web_fetch_tool_result_error";
    error_code: "invalid_tool_input" | "url_too_long" | "url_not_allowed" | "url_not_in_prior_context" | "url_not_accessible" | "unsupported_content_type" | "too_many_requests" | "max_uses_exceeded" | "unavailable" | "content_too_large";
  };
};
export type WebFetchUrlSource = WebFetchUrlSourceAllOrNone | {
  type: "only" | "except";
  tools: Array<{
    type: "tool_reference";
    name: string;
  }>;
};
export type WebFetchUrlSourceAllOrNone = {
  type: "all" | "none";
};
export type WebFetchUrlSources = {
  client_tool_results?: WebFetchUrlSource;
  server_tool_results?: WebFetchUrlSource;
  user_input?: WebFetchUrlSourceAllOrNone;
} | null;
export type WebSearchTool = {
  type: "web_search_20250305" | "web_search_20260209";
  name: "web_search";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  allowed_domains?: Array<string> | null;
  blocked_domains?: Array<string> | null;
  max_uses?: number | null;
  user_location?: UserLocation;
};
export type WebSearchTool20260318 = {
  type: "web_search_20260318";
  name: "web_search";
  allowed_callers?: AllowedCallers;
  cache_control?: CacheControl;
  defer_loading?: boolean;
  strict?: boolean;
  allowed_domains?: Array<string> | null;
  blocked_domains?: Array<string> | null;
  max_uses?: number | null;
  user_location?: UserLocation;
  response_inclusion?: "full" | "excluded";
};
export type WebSearchToolResultBlock = {
  type: "web_search_tool_result";
  tool_use_id: ServerToolUseId;
  caller?: ResponseCaller;
  content: Array<{
    type: "web_search_result";
    url: string;
    title: string;
    encrypted_content: string;
    page_age?: string | null;
  }> | {
    type: "web_search_tool_result_error";
    error_code: "invalid_tool_input" | "unavailable" | "max_uses_exceeded" | "too_many_requests" | "query_too_long" | "request_too_large";
  };
};
