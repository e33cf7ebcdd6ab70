package dev.llmux.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection HTTP/1.1 server on loopback that answers with a hand-written script, for faults WireMock cannot
 * time precisely: a body that stops mid-way, a stream that goes silent, and noticing when the client hangs up.
 */
final class RawHttpServer implements AutoCloseable {

    /**
     * What the server writes after reading the request. After it returns the connection stays open, silent, until
     * the client hangs up; a script that wants to cut the connection closes {@code out}.
     */
    @FunctionalInterface
    interface Script {
        void run(OutputStream out) throws Exception;
    }

    private final ServerSocket server;
    private final Thread thread;
    final CountDownLatch requestRead = new CountDownLatch(1);
    final CountDownLatch clientClosed = new CountDownLatch(1);
    volatile String requestHead = "";

    RawHttpServer(Script script) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(script), "raw-http-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    java.net.URI uri(String path) {
        return java.net.URI.create("http://127.0.0.1:" + port() + path);
    }

    private void serve(Script script) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            requestHead = readHead(in);
            int length = contentLength(requestHead);
            in.readNBytes(length);
            requestRead.countDown();
            OutputStream out = s.getOutputStream();
            script.run(out);
            out.flush();
            // wait for the client to hang up: read() returns -1 (or fails) once it closes the connection
            s.setSoTimeout(10_000);
            try {
                while (in.read() >= 0) {
                    // ignore anything else the client sends
                }
            } catch (IOException ignored) {
                // reset by the client also means it hung up
            }
            clientClosed.countDown();
        } catch (Exception e) {
            clientClosed.countDown();
        }
    }

    boolean clientClosedWithin(long millis) throws InterruptedException {
        return clientClosed.await(millis, TimeUnit.MILLISECONDS);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        int b;
        while (state < 4 && (b = in.read()) >= 0) {
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One chunk of a chunked body. */
    static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(out, Integer.toHexString(bytes.length) + "\r\n");
        out.write(bytes);
        write(out, "\r\n");
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
