package dev.llmux.conformance;

/**
 * The cases of {@link ProviderConformanceTest}. For each, a provider's test stubs its native answer to the
 * canonical request so that the unified result is the one documented here.
 */
public enum Case {
    /** User "Say hello." → text {@code Hello!}, finish stop, usage prompt 10 / completion 3. */
    PLAIN_CHAT,
    /** System "You are terse." + user "Say hello." → {@code Hello!}. The system text must reach the provider. */
    SYSTEM_PROMPT,
    /**
     * User "My name is Ada." / assistant "Nice to meet you, Ada." / user "What is my name?" → {@code Ada}. All three
     * texts must reach the provider, in order.
     */
    MULTI_TURN,
    /** As {@link #PLAIN_CHAT}, streamed: text {@code Hello!} over at least two content chunks, then usage 10 / 3. */
    STREAMING_TEXT,
    /** Tool {@code get_weather(city)}, user "What is the weather in Paris?" → one call get_weather {"city":"Paris"}, finish tool_calls. */
    TOOL_CALL,
    /** As {@link #TOOL_CALL}, streamed; the arguments may arrive in fragments or whole. */
    STREAMING_TOOL_CALL,
    /** As {@link #TOOL_CALL} but "…in Paris and London?" → two calls, Paris then London, finish tool_calls. */
    PARALLEL_TOOL_CALLS,
    /**
     * History: user question, assistant tool call {@code call_1} get_weather {"city":"Paris"}, tool result "18C and sunny"
     * → text {@code It is 18C and sunny in Paris.} The tool name and result must reach the provider.
     */
    TOOL_RESULT,
    /**
     * {@code response_format} json_schema "weather" (object: city string, temp_c number) → message content that parses
     * to {@code {"city":"Paris","temp_c":18}}.
     */
    STRUCTURED_OUTPUT,
    /** User text "What is in this image?" + a base64 PNG data URL → text {@code A cat.} The base64 must reach the provider. */
    IMAGE_INPUT,
    /** The provider rejects the key (its native 401/403 shape) → {@code AuthenticationException}. */
    ERROR_AUTHENTICATION,
    /** The provider rate-limits (its native 429 shape, retry after 7 s where it can say so) → retryable {@code RateLimitException}. */
    ERROR_RATE_LIMIT,
    /** The provider fails internally (its native 500 shape) → {@code InternalServerException}. */
    ERROR_SERVER,
    /** The provider is overloaded/unavailable (503, or Anthropic's 529) → {@code ServiceUnavailableException}. */
    ERROR_OVERLOADED,
    /** The prompt is too long (the provider's native overflow message) → {@code ContextWindowExceededException}. */
    ERROR_CONTEXT_WINDOW,
    /** Another invalid request (400) → {@code BadRequestException}, not a subclass. */
    ERROR_BAD_REQUEST,
    /** A stream that starts, sends some text, and stops without the provider's end marker → {@code ApiConnectionException}. */
    STREAM_CUT,
    /** A 200 stream carrying the provider's in-stream error event (overloaded or server error) → an {@code LlmuxException}. */
    STREAM_ERROR_EVENT,
    /** A 200 response whose body is not valid JSON → {@code BadGatewayException}. */
    MALFORMED_RESPONSE
}
