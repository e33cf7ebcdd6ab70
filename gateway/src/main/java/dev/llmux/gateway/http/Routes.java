package dev.llmux.gateway.http;

import dev.llmux.gateway.admin.AdminHandler;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Every path the gateway serves; data-plane paths also without {@code /v1}, like LiteLLM's. */
public final class Routes {

    private Routes() {}

    public static RouterFunction<ServerResponse> all(ChatHandler chat, EmbeddingsHandler embeddings, ModelsHandler models,
            dev.llmux.gateway.anthropic.MessagesHandler messages, HealthHandler health, AdminHandler admin) {
        return RouterFunctions.route()
                .POST("/v1/chat/completions", chat::handle)
                .POST("/chat/completions", chat::handle)
                .POST("/v1/embeddings", embeddings::handle)
                .POST("/embeddings", embeddings::handle)
                .GET("/v1/models", models::list)
                .GET("/models", models::list)
                .GET("/v1/models/{model}", models::get)
                .GET("/models/{model}", models::get)
                .POST("/v1/messages", messages::handle)
                .GET("/health/liveliness", health::liveliness)
                .GET("/health/liveness", health::liveliness)
                .GET("/health/readiness", health::readiness)
                .POST("/key/generate", admin::generateKey)
                .POST("/key/update", admin::updateKey)
                .POST("/key/delete", admin::deleteKey)
                .GET("/key/info", admin::keyInfo)
                .POST("/team/new", admin::newTeam)
                .POST("/team/update", admin::updateTeam)
                .GET("/team/info", admin::teamInfo)
                .GET("/spend/logs", admin::spendLogs)
                .GET("/global/spend", admin::globalSpend)
                .filter(Routes::consumeBodylessRequest)
                .build();
    }

    /**
     * A GET (or any request whose handler reads no body) still has an inbound side: its end-of-request marker. Every
     * handler here answers only after the request has been read to its end, so the connection is idle and clean when
     * the next kept-alive request arrives. Both places where a request on a reused connection once went unanswered
     * followed an answer sent before the previous request's inbound was consumed (a refused POST, then a GET).
     */
    private static Mono<ServerResponse> consumeBodylessRequest(ServerRequest request, HandlerFunction<ServerResponse> next) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            return next.handle(request); // POST handlers read their whole body themselves (Intake, AdminHandler)
        }
        return request.body(BodyExtractors.toDataBuffers()).doOnNext(DataBufferUtils::release).then(Mono.defer(() -> next.handle(request)));
    }
}
