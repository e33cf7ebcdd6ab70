package dev.llmux.provider.compat;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.provider.compat.internal.QuirkDialect;
import dev.llmux.provider.openai.internal.OpenAiEndpoint;
import dev.llmux.provider.openai.internal.OpenAiParams;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A provider that speaks OpenAI's wire format, configured by a {@link CompatPreset}. Settings: {@code api_key}
 * (else the preset's key variables), {@code api_base} (else its base variables, else its default base URL), plus the
 * preset's header settings.
 */
public final class OpenAiCompatibleProvider implements Provider {

    private final CompatPreset preset;
    private final QuirkDialect dialect;
    private final Set<String> ids;
    private final Set<String> supported;
    private final Map<Pattern, Set<String>> byModel = new LinkedHashMap<>();

    public OpenAiCompatibleProvider(CompatPreset preset) {
        this.preset = Objects.requireNonNull(preset, "preset");
        this.dialect = new QuirkDialect(preset.quirks());
        this.ids = new LinkedHashSet<>(preset.ids());
        this.supported = OpenAiParams.allBut(preset.unsupportedParams());
        preset.unsupportedParamsByModel().forEach((regex, params) -> byModel.put(Pattern.compile(regex), params));
    }

    public CompatPreset preset() {
        return preset;
    }

    @Override
    public Set<String> ids() {
        return ids;
    }

    @Override
    public Set<String> supportedParams(String model) {
        Set<String> out = null;
        for (Map.Entry<Pattern, Set<String>> e : byModel.entrySet()) {
            if (e.getKey().matcher(model).matches()) {
                out = out == null ? new LinkedHashSet<>(supported) : out;
                out.removeAll(e.getValue());
            }
        }
        return out == null ? supported : Set.copyOf(out);
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call) {
        return Mono.defer(() -> endpoint(call).chat(request, call));
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        return Flux.defer(() -> endpoint(call).stream(request, call));
    }

    @Override
    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, ProviderCall call) {
        if (!preset.embeddings()) {
            return Provider.super.embed(request, call);
        }
        return Mono.defer(() -> endpoint(call).embed(request, call));
    }

    private OpenAiEndpoint endpoint(ProviderCall call) {
        String base = call.setting("api_base", preset.apiBaseEnv().toArray(String[]::new));
        if (base == null) {
            base = preset.baseUrl();
        }
        if (base == null) {
            throw new BadRequestException(call.provider() + " needs api_base"
                    + (preset.apiBaseEnv().isEmpty() ? "" : " (or " + String.join(" / ", preset.apiBaseEnv()) + ")")
                    + ", the URL of the server's OpenAI-compatible API, for example http://localhost:8000/v1",
                    ErrorDetails.of(call.provider(), call.model(), 400).withType("invalid_request_error", null, "api_base"));
        }
        String[] keyEnv = preset.apiKeyEnv().toArray(String[]::new);
        String key = preset.apiKeyRequired() ? call.requireApiKey(keyEnv) : call.setting("api_key", keyEnv);
        Map<String, String> headers = new LinkedHashMap<>();
        if (key != null) {
            headers.put(preset.authHeader(), preset.authPrefix() + key);
        }
        for (CompatPreset.SettingHeader h : preset.headers()) {
            String value = call.setting(h.setting(), h.env().toArray(String[]::new));
            if (value != null) {
                headers.put(h.header(), value);
            }
        }
        return OpenAiEndpoint.of(base, headers, dialect, call);
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleProvider[" + preset.id() + "]";
    }
}
