package dev.llmux.gateway;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * The llmux gateway. Takes LiteLLM's CLI flags: {@code --config FILE} (a LiteLLM-format {@code config.yaml};
 * default: the bundled example with {@code mock/…} models) and {@code --port N} (default 4000); any other
 * {@code --name=value} is a Spring Boot property.
 */
@SpringBootApplication
public class GatewayApplication {

    /** The Spring property holding the config file path. */
    public static final String CONFIG_PROPERTY = "llmux.gateway.config";

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, translate(args));
    }

    /** Turns {@code --config FILE --port N} (LiteLLM's style) into Spring properties; other arguments pass through. */
    static String[] translate(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--config") || a.equals("-c") || a.equals("--port") || a.equals("-p") || a.equals("--host")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                out.add(property(a) + args[++i]);
            } else if (a.startsWith("--config=") || a.startsWith("--port=") || a.startsWith("--host=")) {
                int eq = a.indexOf('=');
                out.add(property(a.substring(0, eq)) + a.substring(eq + 1));
            } else {
                out.add(a);
            }
        }
        return out.toArray(String[]::new);
    }

    private static String property(String flag) {
        return switch (flag) {
            case "--config", "-c" -> "--" + CONFIG_PROPERTY + "=";
            case "--port", "-p" -> "--server.port=";
            default -> "--server.address=";
        };
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> announceAddress(org.springframework.core.env.Environment env) {
        return event -> {
            String host = env.getProperty("server.address", "0.0.0.0");
            String config = env.getProperty(CONFIG_PROPERTY, "bundled example config");
            System.out.println("llmux gateway listening on http://" + host + ":" + event.getWebServer().getPort()
                    + " (config: " + config + "); try GET /v1/models");
        };
    }
}
