package dev.llmux.provider.bedrock.internal;

import dev.llmux.internal.provider.BoundedMemo;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Bedrock model id as the caller named it, and what llmux infers from its family.
 *
 * @param id the id sent in the URL: a model id ({@code anthropic.claude-3-5-sonnet-20240620-v1:0}), an
 *     inference-profile id ({@code us.anthropic.…}) or an ARN; a leading {@code converse/} is dropped
 * @param base the id without a cross-region prefix ({@code us.}, {@code eu.}, {@code apac.}, {@code global.}, …)
 *     or ARN, used only to recognise the family
 */
public record BedrockModel(String id, String base) {

    private static final List<String> REGION_PREFIXES = List.of("us.", "eu.", "apac.", "global.", "us-gov.", "jp.", "au.", "ca.");
    /** Claude 4.x generations: {@code claude-sonnet-4-5}, {@code claude-opus-4-1}, {@code claude-opus-4}, {@code claude-4-…}. */
    private static final Pattern CLAUDE_4 = Pattern.compile("claude-(?:(?:opus|sonnet|haiku)-)?(\\d+)(?:-(\\d)(?!\\d))?");

    /**
     * @throws IllegalArgumentException for an empty id or the {@code invoke/} route, which llmux does not offer
     */
    public static BedrockModel of(String model) {
        String id = model.strip();
        if (id.startsWith("converse/")) {
            id = id.substring("converse/".length());
        }
        if (id.startsWith("invoke/")) {
            throw new IllegalArgumentException("the Bedrock Invoke API (bedrock/invoke/…) is not supported; "
                    + "use bedrock/<modelId> or bedrock/converse/<modelId>, which call Converse");
        }
        if (id.isEmpty()) {
            throw new IllegalArgumentException("Bedrock model id must not be empty");
        }
        String base = id;
        int slash = base.lastIndexOf('/');
        if (base.startsWith("arn:") && slash >= 0) {
            base = base.substring(slash + 1);
        }
        for (String prefix : REGION_PREFIXES) {
            if (base.startsWith(prefix)) {
                base = base.substring(prefix.length());
                break;
            }
        }
        return new BedrockModel(id, base.toLowerCase(Locale.ROOT));
    }

    /** Encoded path segments by id: a client names the same few models on every call. Bounded like the URIs. */
    private static final BoundedMemo<String, String> SEGMENTS = new BoundedMemo<>(1024, SigV4Signer::encode);

    /** The id as one URI path segment ({@code :} → {@code %3A}, {@code /} → {@code %2F}). */
    public String pathSegment() {
        return SEGMENTS.get(id);
    }

    public boolean isAnthropic() {
        return base.startsWith("anthropic.");
    }

    public boolean isNova() {
        return base.startsWith("amazon.nova");
    }

    /** Claude 3.7 and every Claude 4.x think ({@code thinking} with a token budget, or adaptive). */
    public boolean supportsReasoning() {
        return isAnthropic() && (base.contains("claude-3-7") || claudeVersion() >= 40);
    }

    /** Claude 4.6 and later take adaptive thinking with an effort level instead of a token budget. */
    public boolean usesAdaptiveThinking() {
        return isAnthropic() && claudeVersion() >= 46;
    }

    /**
     * Native structured output ({@code outputConfig.textFormat}): Bedrock lists Claude Haiku 4.5, Sonnet 4.5 and
     * Opus 4.5/4.6 (and later 4.x); every other model gets LiteLLM's forced-tool emulation.
     */
    public boolean supportsNativeStructuredOutput() {
        return isAnthropic() && claudeVersion() >= 45;
    }

    /** Converse tool use: every current chat family except the text-only generations listed here. */
    public boolean supportsTools() {
        return !(base.startsWith("amazon.titan") || base.startsWith("meta.llama2") || base.startsWith("meta.llama3-8b")
                || base.startsWith("meta.llama3-70b") || base.startsWith("mistral.mistral-7b") || base.startsWith("mistral.mixtral")
                || base.startsWith("ai21.j2") || base.startsWith("cohere.command-text") || base.startsWith("cohere.command-light"));
    }

    /** {@code toolChoice} is accepted only by Anthropic, Nova and Mistral Large models (the rest fail the call). */
    public boolean supportsToolChoice() {
        return isAnthropic() || isNova() || base.startsWith("mistral.mistral-large") || base.startsWith("mistral.pixtral-large");
    }

    /** Claude major*10+minor (45 for {@code claude-sonnet-4-5}, 40 for {@code claude-opus-4}), 0 when not Claude 4+. */
    int claudeVersion() {
        Matcher m = CLAUDE_4.matcher(base);
        while (m.find()) {
            int major = Integer.parseInt(m.group(1));
            if (major >= 4 && major < 10) {
                int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                return major * 10 + minor;
            }
        }
        return 0;
    }
}
