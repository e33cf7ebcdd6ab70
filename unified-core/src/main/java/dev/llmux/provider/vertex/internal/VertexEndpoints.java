package dev.llmux.provider.vertex.internal;

import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.spi.ProviderCall;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Vertex AI URLs: {@code {host}/v1/projects/{project}/locations/{location}/publishers/{publisher}/models/{model}:{method}}.
 * The host is {@code https://{location}-aiplatform.googleapis.com}, {@code https://aiplatform.googleapis.com} for
 * {@code global}, or {@code api_base} when set (a proxy or private endpoint; the path stays the same).
 */
public final class VertexEndpoints {

    public static final String DEFAULT_LOCATION = "us-central1";

    private VertexEndpoints() {}

    public static String location(ProviderCall call) {
        String l = call.setting("vertex_location", "VERTEXAI_LOCATION");
        return l == null ? DEFAULT_LOCATION : l;
    }

    /** The configured project, else the credentials' own, else a 400 naming the settings. */
    public static String project(ProviderCall call, @Nullable String credentialsProject) {
        String p = call.setting("vertex_project", "VERTEXAI_PROJECT", "GOOGLE_CLOUD_PROJECT");
        if (p == null) {
            p = credentialsProject;
        }
        if (p == null || p.isEmpty()) {
            throw new BadRequestException(call.provider() + ": no Google Cloud project: set vertex_project or VERTEXAI_PROJECT",
                    ErrorDetails.of(call.provider(), call.model(), 400));
        }
        return p;
    }

    public static URI uri(ProviderCall call, String project, String publisher, String model, String method) {
        String location = location(call);
        String base = call.setting("api_base");
        if (base == null) {
            base = "global".equals(location) ? "https://aiplatform.googleapis.com" : "https://" + location + "-aiplatform.googleapis.com";
        }
        base = base.replaceAll("/+$", "");
        return URI.create(base + "/v1/projects/" + project + "/locations/" + location + "/publishers/" + publisher + "/models/" + model + ":" + method);
    }
}
