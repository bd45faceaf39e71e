/* Generated from openapi/anthropic-messages-api-openapi.yml by tests/types/generate.ts: do not edit. */
/* eslint-disable */
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
export type CacheCreation = {
  ephemeral_5m_input_tokens: number;
  ephemeral_1h_input_tokens: number;
} | null;
export type CodeExecutionOutputFiles = Array<{
  type: "code_execution_output" | "bash_code_execution_output";
  file_id: string;
}>;
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
export type FinalMessage = (Message) & ({
  stop_reason?: string;
});
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
  diagnostics?: {
    cache_miss_reason?: {
      type: string;
    } | null;
  } | null;
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
export type OtherContentBlock = {
  type: "advisor_tool_result" | "mcp_tool_use" | "mcp_tool_result" | "compaction" | "fallback" | "mcp_tool_listing";
};
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
export type StopDetails = {
  type: "refusal";
  category: "cyber" | "bio" | "frontier_llm" | "reasoning_extraction" | "general_harms" | null;
  explanation: string | null;
} | null;
export type StopReason = "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "pause_turn" | "refusal" | "model_context_window_exceeded" | "compaction" | null;
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
export type ThinkingBlock = {
  type: "thinking";
  thinking: string;
  signature: string;
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
export type UnknownEvent = {
  type: string;
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
