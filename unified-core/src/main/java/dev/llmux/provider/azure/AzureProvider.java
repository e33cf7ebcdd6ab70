package dev.llmux.provider.azure;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.provider.openai.internal.OpenAiDialect;
import dev.llmux.provider.openai.internal.OpenAiEndpoint;
import dev.llmux.provider.openai.internal.OpenAiParams;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Azure OpenAI ({@code azure/<deployment>}): the model name is the deployment. Requests go to
 * {@code {api_base}/openai/deployments/{deployment}/chat/completions?api-version=…}; an {@code api_base} ending in
 * {@code /openai/v1} uses Azure's v1 API instead (no {@code api-version}, the deployment in {@code model}).
 *
 * <p>Settings: {@code api_base} (else {@code AZURE_API_BASE}), {@code api_version} (else {@code AZURE_API_VERSION},
 * else {@value #DEFAULT_API_VERSION}), and either {@code api_key} (else {@code AZURE_API_KEY}, sent as
 * {@code api-key}) or {@code azure_ad_token} (else {@code AZURE_AD_TOKEN}, sent as a bearer token). Azure's
 * content-filter annotations are kept: {@code prompt_filter_results} in the response's {@code extra},
 * {@code content_filter_results} in each choice's.
 */
public final class AzureProvider implements Provider {

    /** The GA api-version of Azure's inference spec. */
    public static final String DEFAULT_API_VERSION = "2024-10-21";

    private static final Set<String> IDS = new LinkedHashSet<>(List.of("azure"));

    @Override
    public Set<String> ids() {
        return IDS;
    }

    @Override
    public Set<String> supportedParams(String model) {
        return OpenAiParams.ALL;
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
        return Mono.defer(() -> endpoint(call).embed(request, call));
    }

    private static OpenAiEndpoint endpoint(ProviderCall call) {
        String base = call.setting("api_base", "AZURE_API_BASE", "AZURE_OPENAI_ENDPOINT");
        if (base == null) {
            throw new BadRequestException("azure needs api_base (or AZURE_API_BASE), for example https://my-resource.openai.azure.com",
                    ErrorDetails.of(call.provider(), call.model(), 400).withType("invalid_request_error", null, "api_base"));
        }
        Map<String, String> headers = Map.of();
        String key = call.setting("api_key", "AZURE_API_KEY", "AZURE_OPENAI_API_KEY");
        if (key != null) {
            headers = Map.of("api-key", key);
        } else {
            String token = call.setting("azure_ad_token", "AZURE_AD_TOKEN");
            if (token == null) {
                throw new AuthenticationException("no credentials for azure: set api_key (or AZURE_API_KEY) or azure_ad_token (or AZURE_AD_TOKEN)",
                        ErrorDetails.of(call.provider(), call.model(), 401));
            }
            headers = Map.of("Authorization", "Bearer " + token);
        }
        String root = OpenAiEndpoint.stripTrailingSlashes(base);
        if (root.endsWith("/openai/v1")) {
            return OpenAiEndpoint.of(root, headers, OpenAiDialect.OPENAI, call);
        }
        String version = call.setting("api_version", "AZURE_API_VERSION", "OPENAI_API_VERSION");
        String query = "?api-version=" + URLEncoder.encode(version != null ? version : DEFAULT_API_VERSION, StandardCharsets.UTF_8);
        String deployment = root + "/openai/deployments/" + URLEncoder.encode(call.model(), StandardCharsets.UTF_8).replace("+", "%20");
        return new OpenAiEndpoint(OpenAiEndpoint.uri(deployment + "/chat/completions" + query, call),
                OpenAiEndpoint.uri(deployment + "/embeddings" + query, call), headers, OpenAiDialect.OPENAI);
    }

    @Override
    public String toString() {
        return "AzureProvider" + IDS;
    }
}
