package dev.llmux.gateway.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Converts LiteLLM-style database URLs ({@code postgresql://user:pass@host:port/db?sslmode=require}) to JDBC.
 * JDBC URLs pass through unchanged.
 */
public final class JdbcUrls {

    private JdbcUrls() {}

    /** A JDBC URL with the user and password split out (they do not belong in a JDBC URL's authority). */
    public record Jdbc(String url, String user, String password) {
        @Override
        public String toString() {
            return "Jdbc[" + redact(url) + ", user=" + user + "]";
        }
    }

    public static Jdbc toJdbc(String url) {
        if (url.startsWith("jdbc:")) {
            return new Jdbc(url, null, null);
        }
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new IllegalArgumentException("database_url must be postgresql://… or a jdbc: URL, was " + redact(url));
        }
        URI uri = URI.create(url);
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("database_url has no host: " + redact(url));
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new Jdbc("jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + db + query, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL without a password, fit for logs. */
    public static String redact(String url) {
        return url.replaceAll("(//[^:/@]+):[^@]*@", "$1:***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
