package dev.llmux.provider.compat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.internal.json.Json;
import dev.llmux.provider.compat.Quirk;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

class QuirkDialectTest {

    /** A response that every response rewrite of the quirks would change. */
    private static final String RESPONSE = "{\"id\":\"c\",\"created\":1,\"model\":\"m\",\"x_groq\":{\"id\":\"q\",\"usage\":{\"prompt_tokens\":1,"
            + "\"completion_tokens\":2,\"total_tokens\":3}},\"choices\":[{\"index\":0,\"message\":{\"content\":\"x\"},\"finish_reason\":\"model_length\"}]}";

    @ParameterizedTest
    @EnumSource(Quirk.class)
    void should_say_it_adapts_responses_exactly_when_its_quirks_rewrite_one(Quirk quirk) {
        QuirkDialect dialect = new QuirkDialect(Set.of(quirk));
        ObjectNode node = (ObjectNode) Json.tree(RESPONSE);

        dialect.adaptResponse(node);

        assertThat(dialect.adaptsResponses()).isEqualTo(!node.equals(Json.tree(RESPONSE)));
    }

    @ParameterizedTest
    @EnumSource(Quirk.class)
    void should_leave_responses_alone_when_no_quirk_of_a_set_rewrites_them(Quirk quirk) {
        Set<Quirk> all = EnumSet.allOf(Quirk.class);
        all.remove(Quirk.X_GROQ_USAGE);
        all.remove(Quirk.MODEL_LENGTH_FINISH);
        QuirkDialect dialect = new QuirkDialect(all);
        ObjectNode node = (ObjectNode) Json.tree(RESPONSE);

        dialect.adaptResponse(node);

        assertThat(dialect.adaptsResponses()).isFalse();
        assertThat(node).isEqualTo(Json.tree(RESPONSE));
        assertThat(new QuirkDialect(EnumSet.of(quirk, Quirk.X_GROQ_USAGE)).adaptsResponses()).isTrue();
    }
}
