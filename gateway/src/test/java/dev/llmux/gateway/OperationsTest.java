package dev.llmux.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.gateway.support.TestGateway;
import dev.llmux.internal.json.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Health endpoints and Prometheus metrics. */
class OperationsTest {

    private final TestGateway gw = TestGateway.shared();

    @Test
    void should_answer_liveliness_without_a_key() {
        HttpResponse<String> r = gw.get("/health/liveliness", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("\"I'm alive!\"");
    }

    @Test
    void should_report_readiness_of_the_store_and_the_limit_state() {
        HttpResponse<String> r = gw.get("/health/readiness", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.tree(r.body())).isEqualTo(Json.tree(
                "{\"status\":\"healthy\",\"db\":\"connected\",\"cache\":\"in-memory\",\"cache_status\":\"connected\"}"));
    }

    @Test
    void should_expose_request_token_spend_and_error_metrics_for_prometheus() {
        gw.post("/v1/chat/completions", TestGateway.MASTER_KEY, "{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"m\"}]}");
        gw.post("/v1/chat/completions", TestGateway.MASTER_KEY, "{\"model\":\"fake/overloaded\",\"messages\":[{\"role\":\"user\",\"content\":\"m\"}]}");

        HttpResponse<String> r = gw.get("/metrics", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("llmux_gateway_requests_total{endpoint=\"chat\",model=\"fake/echo\",status=\"200\"}")
                .contains("llmux_gateway_request_latency_seconds_count{endpoint=\"chat\",model=\"fake/echo\"}")
                .contains("llmux_gateway_tokens_total{model=\"fake/echo\",type=\"prompt\"}")
                .contains("llmux_gateway_tokens_total{model=\"fake/echo\",type=\"cached\"}")
                .contains("llmux_gateway_spend_usd_total{model=\"fake/echo\"}")
                .contains("llmux_gateway_errors_total{endpoint=\"chat\",type=\"service_unavailable_error\"}")
                .contains("llmux_gateway_overhead_seconds_count")
                .contains("llmux_gateway_spend_logs_dropped_total")
                .contains("llmux_gateway_requests_in_flight");
    }
}
