package dev.llmux.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.router.Deployment;
import dev.llmux.router.RouterFixture;
import dev.llmux.router.RoutingStrategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class StrategiesTest {

    private static List<DeploymentModel> tier(int n) {
        List<DeploymentModel> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(DeploymentModel.of(Deployment.builder("g", "fake/m" + i).id("m" + i).weight(1 + i).build(), RouterFixture.CATALOG));
        }
        return out;
    }

    /**
     * Averages another call records between two reads: {@code firstUntried} has no average on its first read and
     * one after (its first answer came in meanwhile); the others' averages drift on every read.
     */
    private static final class ChangingLatency extends LatencyStats {
        private final String firstUntried;
        private final Map<String, AtomicInteger> reads = new HashMap<>();

        ChangingLatency(String firstUntried) {
            super(0.5);
            this.firstUntried = firstUntried;
        }

        @Override
        @Nullable Double average(String deployment, boolean stream) {
            int n = reads.computeIfAbsent(deployment, k -> new AtomicInteger()).getAndIncrement();
            if (deployment.equals(firstUntried) && n == 0) {
                return null;
            }
            return 100.0 + (n * 37 + Math.abs(deployment.hashCode())) % 50;
        }
    }

    @Test
    void should_pick_a_latency_candidate_when_an_untried_deployment_gets_measured_meanwhile() {
        List<DeploymentModel> tier = tier(10);

        for (int i = 0; i < 10; i++) {
            DeploymentModel pick = Strategies.pick(RoutingStrategy.LATENCY_BASED, tier, Map.of(), new ChangingLatency("m" + i), false, 0.1,
                    new Random(i));
            assertThat(pick).isIn(tier);
        }
    }

    @Test
    void should_rank_every_deployment_once_by_latency_when_averages_change_between_reads() {
        List<DeploymentModel> tier = tier(40);

        for (int i = 0; i < 50; i++) {
            ChangingLatency latency = new ChangingLatency("m" + (i % 40));
            // measured once, so the ranking's reads see every average move under it
            tier.forEach(m -> latency.average(m.deployment().id(), false));
            List<DeploymentModel> ranked = Strategies.rank(RoutingStrategy.LATENCY_BASED, tier, tier, Map.of(), latency, false, 0.0,
                    new Random(i));
            assertThat(ranked).containsExactlyInAnyOrderElementsOf(tier);
        }
    }

    @Test
    void should_order_by_weight_like_repeated_weighted_draws() {
        // the exponential-key order puts deployment i first with probability weight_i / total weight
        List<DeploymentModel> tier = tier(4);
        int[] first = new int[4];
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            List<DeploymentModel> order = Strategies.weightedOrder(tier, Strategies.share(tier), random);
            first[Integer.parseInt(order.get(0).deployment().id().substring(1))]++;
        }
        // weights 1, 2, 3, 4 of 10
        for (int i = 0; i < 4; i++) {
            assertThat(first[i]).isBetween(1000 * (i + 1) - 200, 1000 * (i + 1) + 200);
        }
    }

    @Test
    void should_put_deployments_without_a_share_last_in_their_given_order() {
        List<DeploymentModel> tier = new ArrayList<>(tier(3));
        tier.add(0, DeploymentModel.of(Deployment.builder("g", "fake/z1").id("z1").build(), RouterFixture.CATALOG));
        tier.add(2, DeploymentModel.of(Deployment.builder("g", "fake/z2").id("z2").build(), RouterFixture.CATALOG));

        List<DeploymentModel> order = Strategies.weightedOrder(tier, Strategies.share(tier), new Random(1));

        assertThat(order.subList(3, 5)).extracting(m -> m.deployment().id()).containsExactly("z1", "z2");
    }
}
