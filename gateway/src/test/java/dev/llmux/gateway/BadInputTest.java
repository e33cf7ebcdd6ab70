package dev.llmux.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.gateway.support.TestGateway;
import dev.llmux.internal.json.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bad requests get a 4xx in OpenAI's error shape and never reach a provider. */
class BadInputTest {

    private final TestGateway gw = TestGateway.shared();

    private HttpResponse<String> chat(String body) {
        int before = gw.provider.received.size();
        HttpResponse<String> r = gw.post("/v1/chat/completions", TestGateway.MASTER_KEY, body);
        assertThat(gw.provider.received).as("nothing forwarded").hasSize(before);
        return r;
    }

    private static void assertError(HttpResponse<String> r, int status, String type, String param, String messagePart) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(c -> assertThat(c).startsWith("application/json"));
        JsonNode error = Json.tree(r.body()).get("error");
        assertThat(error.get("type").asString()).isEqualTo(type);
        assertThat(error.get("param").isNull() ? null : error.get("param").asString()).isEqualTo(param);
        assertThat(error.get("message").asString()).contains(messagePart);
        assertThat(error.has("code")).isTrue();
    }

    @Test
    void should_refuse_malformed_json() {
        assertError(chat("{\"model\": \"fake/echo\", \"messages\": [ "), 400, "invalid_request_error", null, "not valid JSON");
    }

    @Test
    void should_refuse_a_body_that_is_not_an_object() {
        assertError(chat("[1,2]"), 400, "invalid_request_error", null, "must be a JSON object");
    }

    @Test
    void should_refuse_a_wrong_type_naming_the_field() {
        assertError(chat("{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"}"),
                400, "invalid_request_error", "temperature", "temperature");
    }

    @Test
    void should_refuse_an_out_of_range_value() {
        assertError(chat("{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":7}"),
                400, "invalid_request_error", null, "temperature must be between 0.0 and 2.0, was 7.0");
    }

    @Test
    void should_refuse_a_missing_model() {
        assertError(chat("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400, "invalid_request_error", "model",
                "missing required field \"model\"");
    }

    @Test
    void should_refuse_missing_messages() {
        assertError(chat("{\"model\":\"fake/echo\"}"), 400, "invalid_request_error", "messages", "missing required field \"messages\"");
    }

    @Test
    void should_refuse_an_empty_messages_list() {
        assertError(chat("{\"model\":\"fake/echo\",\"messages\":[]}"), 400, "invalid_request_error", "messages",
                "must contain at least one message");
    }

    @Test
    void should_refuse_messages_that_are_not_a_list_naming_the_field() {
        assertError(chat("{\"model\":\"fake/echo\",\"messages\":\"hi\"}"), 400, "invalid_request_error", "messages",
                "invalid value for \"messages\"");
    }

    @Test
    void should_refuse_an_empty_body() {
        assertError(chat(""), 400, "invalid_request_error", null, "request body is empty");
    }

    @Test
    void should_refuse_an_unknown_model_with_404() {
        HttpResponse<String> r = chat("{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertError(r, 404, "invalid_request_error", "model", "\"gpt-9\" does not exist");
        assertThat(Json.tree(r.body()).get("error").get("code").asString()).isEqualTo("model_not_found");
    }

    @Test
    void should_refuse_too_many_messages() {
        StringBuilder body = new StringBuilder("{\"model\":\"fake/echo\",\"messages\":[");
        for (int i = 0; i < 21; i++) {
            body.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"m").append(i).append("\"}");
        }
        assertError(chat(body.append("]}").toString()), 400, "invalid_request_error", "messages",
                "too many messages: 21, the gateway accepts at most 20");
    }

    @Test
    void should_refuse_a_body_over_the_size_limit_with_413() {
        String big = "x".repeat(60 * 1024);
        assertError(chat("{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}"), 413,
                "invalid_request_error", null, "larger than the gateway's limit");
    }

    @Test
    void should_refuse_client_supplied_api_base_and_key() {
        assertError(chat("{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"api_base\":\"http://169.254.169.254/\"}"), 400, "invalid_request_error", "api_base", "not allowed");
        assertError(chat("{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"api_key\":\"sk-mine\"}"),
                400, "invalid_request_error", "api_key", "not allowed");
        assertError(chat("{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"base_url\":\"http://x\"}"),
                400, "invalid_request_error", "base_url", "not allowed");
    }

    @Test
    void should_refuse_a_request_without_a_key() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", null,
                "{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertError(r, 401, "authentication_error", null, "no API key");
    }

    @Test
    void should_serve_the_paths_without_v1() {
        HttpResponse<String> r = gw.post("/chat/completions", TestGateway.MASTER_KEY,
                "{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"no prefix\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.tree(r.body()).get("choices").get(0).get("message").get("content").asString()).isEqualTo("echo: no prefix");
        assertThat(gw.get("/models", TestGateway.MASTER_KEY).statusCode()).isEqualTo(200);
        assertThat(gw.post("/embeddings", TestGateway.MASTER_KEY, "{\"model\":\"fake/embed\",\"input\":\"x\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void should_say_what_happened_in_response_headers() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", TestGateway.MASTER_KEY,
                "{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"headers\"}]}");
        assertThat(r.headers().firstValue("x-llmux-provider")).contains("fake");
        assertThat(r.headers().firstValue("x-llmux-model")).contains("echo");
        assertThat(r.headers().firstValue("x-llmux-attempts")).contains("1");
        assertThat(r.headers().firstValue("x-llmux-response-cost")).contains("0.00002");
        assertThat(r.headers().firstValue("x-llmux-overhead-ms")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isNotNegative());
        assertThat(r.headers().firstValue("x-llmux-request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req-"));
    }

    @Test
    void should_pass_a_provider_error_on_with_its_status_and_type() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", TestGateway.MASTER_KEY,
                "{\"model\":\"fake/overloaded\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(Json.tree(r.body()).get("error").get("message").asString()).isEqualTo("fake is overloaded");
    }

    @Test
    void should_end_a_cut_stream_with_an_error_event_and_no_done() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", TestGateway.MASTER_KEY,
                "{\"model\":\"fake/cut\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"partial\"").contains("data: {\"error\":{\"message\":\"fake stream was cut\"")
                .doesNotContain("[DONE]");
    }

    @Test
    void should_end_a_stream_with_done() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", TestGateway.MASTER_KEY,
                "{\"model\":\"fake/echo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(c -> assertThat(c).startsWith("text/event-stream"));
        assertThat(r.body()).endsWith("data: [DONE]\n\n");
        assertThat(r.headers().firstValue("x-llmux-provider")).contains("fake");
    }
}
