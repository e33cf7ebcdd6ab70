package dev.llmux.samples.agent;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;

/**
 * A LangChain4j agent whose model is the llmux alias {@code agent} (see {@code application.yaml}). The starter turns
 * the alias into a LangChain4j {@link ChatModel} bean; which vendor serves it is one property.
 */
@SpringBootApplication
public class AgentApplication {

    public static void main(String[] args) {
        SpringApplication.run(AgentApplication.class, args);
    }

    @Bean
    WeatherTools weatherTools() {
        return new WeatherTools();
    }

    @Bean
    TravelAgent travelAgent(ChatModel chatModel, WeatherTools tools) {
        return AiServices.builder(TravelAgent.class).chatModel(chatModel).tools(tools).build();
    }

    /** Asks the agent the question given on the command line (the words that are not {@code --options}), if any. */
    @Bean
    ApplicationRunner ask(TravelAgent agent) {
        return args -> {
            if (!args.getNonOptionArgs().isEmpty()) {
                System.out.println(agent.chat(String.join(" ", args.getNonOptionArgs())));
            }
        };
    }
}
