package dev.llmux.samples.agent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/** The agent's tool. A real one would call a weather service; this one knows two cities and remembers its calls. */
public class WeatherTools {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Tool(name = "get_weather", value = "The current weather in a city")
    public String getWeather(@P("the city name") String city) {
        calls.add(city);
        return switch (city) {
            case "Paris" -> "18°C, cloudy";
            case "Lisbon" -> "24°C, sunny";
            default -> "unknown city";
        };
    }

    /** The cities the model asked about, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }
}
