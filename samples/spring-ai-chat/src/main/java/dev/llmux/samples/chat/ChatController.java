package dev.llmux.samples.chat;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code GET /chat?message=…}: the answer, and which llmux deployment gave it. */
@RestController
class ChatController {

    /**
     * @param text the answer
     * @param deployment the llmux deployment that answered (after any fallbacks)
     * @param model the provider's model name
     */
    record Answer(String text, String deployment, String model) {}

    private final ChatClient chat;

    ChatController(ChatClient.Builder builder) {
        this.chat = builder.defaultSystem("You are a concise assistant.").build();
    }

    @GetMapping("/chat")
    Mono<Answer> chat(@RequestParam String message) {
        // ChatClient.call() blocks until the router has an answer: keep it off the event loop
        return Mono.fromCallable(() -> {
            ChatResponse response = chat.prompt(message).call().chatResponse();
            String deployment = response.getMetadata().get("llmux.deployment");
            return new Answer(response.getResult().getOutput().getText(), deployment, response.getMetadata().getModel());
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
