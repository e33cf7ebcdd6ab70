/**
 * The HTTP transport SPI: one call, headers first, body as a stream of bytes. The default is Reactor Netty
 * ({@link dev.llmux.transport.HttpTransport#reactorNetty}); a JDK {@code HttpClient} implementation needs no
 * extra dependencies ({@link dev.llmux.transport.HttpTransport#jdk}).
 */
@NullMarked
package dev.llmux.transport;

import org.jspecify.annotations.NullMarked;
