package dev.llmux.samples.chat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A chat endpoint over Spring AI's {@code ChatClient}; llmux routes it Claude → GPT → local Ollama (application.yaml). */
@SpringBootApplication
public class ChatApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }
}
