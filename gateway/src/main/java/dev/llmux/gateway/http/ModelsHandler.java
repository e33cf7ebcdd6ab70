package dev.llmux.gateway.http;

import dev.llmux.gateway.auth.Authenticator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** {@code GET /v1/models}: the model names the calling key may use, in OpenAI's list shape. */
public final class ModelsHandler {

    private final Authenticator auth;
    private final CallService calls;

    public ModelsHandler(Authenticator auth, CallService calls) {
        this.auth = auth;
        this.calls = calls;
    }

    public Mono<ServerResponse> list(ServerRequest request) {
        return auth.authenticate(request)
                .flatMap(caller -> {
                    List<Map<String, Object>> data = calls.visibleModels(caller).stream().map(ModelsHandler::model).toList();
                    return Responses.json(Map.of("object", "list", "data", data), null, null, false);
                })
                .onErrorResume(e -> Responses.error(e, null));
    }

    public Mono<ServerResponse> get(ServerRequest request) {
        String id = request.pathVariable("model");
        return auth.authenticate(request)
                .flatMap(caller -> calls.visibleModels(caller).contains(id)
                        ? Responses.json(model(id), null, null, false)
                        : Mono.<ServerResponse>error(GatewayException.notFound("The model \"" + id + "\" does not exist", "model")))
                .onErrorResume(e -> Responses.error(e, null));
    }

    private static Map<String, Object> model(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("object", "model");
        m.put("created", 0);
        m.put("owned_by", "llmux");
        return m;
    }
}
