package dev.llmux.provider.bedrock.internal;

/** An event-stream frame that fails its length or CRC checks, or whose headers do not parse. */
public final class CorruptFrameException extends RuntimeException {

    public CorruptFrameException(String message) {
        super(message);
    }
}
