package dev.llmux.samples.agent;

import dev.langchain4j.service.SystemMessage;

/** The agent's contract; LangChain4j's {@code AiServices} implements it and runs the tool loop. */
public interface TravelAgent {

    @SystemMessage("You are a travel assistant. Use the tools for facts about the weather; never guess them.")
    String chat(String question);
}
