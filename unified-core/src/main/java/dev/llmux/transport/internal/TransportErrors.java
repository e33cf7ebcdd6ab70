package dev.llmux.transport.internal;

import dev.llmux.transport.TransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/** Turns the exceptions of Netty and the JDK client into {@link TransportException}s. */
final class TransportErrors {

    private TransportErrors() {}

    static boolean isTransportLevel(Throwable e) {
        return e instanceof IOException
                || e instanceof UnresolvedAddressException
                || e instanceof io.netty.handler.timeout.ReadTimeoutException
                || e instanceof reactor.netty.http.client.PrematureCloseException
                || e instanceof io.netty.channel.ConnectTimeoutException
                || e instanceof java.util.concurrent.TimeoutException
                || e.getClass().getName().startsWith("io.netty.channel.AbstractChannel$AnnotatedConnectException");
    }

    /**
     * @param beforeBody true when no response head has been seen yet (a read timeout then is a first-byte timeout)
     */
    static TransportException map(Throwable e, boolean beforeBody) {
        String name = e.getClass().getSimpleName();
        if (e instanceof io.netty.channel.ConnectTimeoutException || e instanceof HttpConnectTimeoutException) {
            return new TransportException(TransportException.Kind.CONNECT_TIMEOUT, "connect timed out", e);
        }
        if (e instanceof io.netty.handler.timeout.ReadTimeoutException || e instanceof HttpTimeoutException) {
            return new TransportException(beforeBody ? TransportException.Kind.FIRST_BYTE_TIMEOUT : TransportException.Kind.IDLE_TIMEOUT,
                    beforeBody ? "no response within the first-byte timeout" : "the response went silent", e);
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof UnresolvedAddressException
                || e instanceof SSLException || name.contains("AnnotatedConnectException")) {
            return new TransportException(TransportException.Kind.CONNECT, "could not connect: " + e.getMessage(), e);
        }
        if (e instanceof reactor.netty.http.client.PrematureCloseException) {
            return new TransportException(TransportException.Kind.IO, "connection closed before the response ended", e);
        }
        return new TransportException(TransportException.Kind.IO, "connection failed: " + e.getMessage(), e);
    }
}
