package dev.agentotel.example;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ClientOptions;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which model endpoint the example talks to, and owns what it opened to do so.
 *
 * <ul>
 *   <li>{@code OPENAI_API_KEY} set: a real provider, with that key, {@code OPENAI_BASE_URL} when
 *       set (any OpenAI-compatible endpoint; OpenAI itself otherwise) and the model
 *       {@code OPENAI_MODEL}, by default {@value #DEFAULT_REAL_MODEL}.
 *   <li>Otherwise: a {@link ScriptedOpenAiServer} started on localhost, a dummy key
 *       ({@value #SCRIPTED_API_KEY}) and the model {@value ResearchAgent#DEFAULT_MODEL}, so the
 *       example runs offline and always the same way.
 * </ul>
 *
 * <p>{@link #close()} closes the client and stops the scripted server, so the process can exit
 * promptly. The API key is never part of {@link #toString()}.
 */
public final class AgentSettings implements AutoCloseable {

    public static final String API_KEY_ENV = "OPENAI_API_KEY";
    public static final String BASE_URL_ENV = "OPENAI_BASE_URL";
    public static final String MODEL_ENV = "OPENAI_MODEL";
    public static final String DEFAULT_REAL_MODEL = "gpt-4o-mini";
    public static final String SCRIPTED_API_KEY = "sk-scripted-local";

    private final OpenAIClient client;
    private final String model;
    private final String baseUrl;
    private final ScriptedOpenAiServer scriptedServer;

    private AgentSettings(OpenAIClient client, String model, String baseUrl, ScriptedOpenAiServer scriptedServer) {
        this.client = client;
        this.model = model;
        this.baseUrl = baseUrl;
        this.scriptedServer = scriptedServer;
    }

    /** Settings from the process environment ({@link System#getenv()}). */
    public static AgentSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Settings from {@code environment}, a map of environment variables; blank values count as
     * unset. Starts a scripted server when no API key is given.
     */
    public static AgentSettings fromEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        Optional<String> apiKey = value(environment, API_KEY_ENV);
        if (apiKey.isPresent()) {
            String baseUrl = value(environment, BASE_URL_ENV).orElse(ClientOptions.PRODUCTION_URL);
            OpenAIClient client = OpenAIOkHttpClient.builder()
                    .apiKey(apiKey.get())
                    .baseUrl(baseUrl)
                    .build();
            return new AgentSettings(client, value(environment, MODEL_ENV).orElse(DEFAULT_REAL_MODEL), baseUrl, null);
        }
        ScriptedOpenAiServer server = new ScriptedOpenAiServer();
        try {
            OpenAIClient client = OpenAIOkHttpClient.builder()
                    .apiKey(SCRIPTED_API_KEY)
                    .baseUrl(server.baseUrl())
                    .build();
            return new AgentSettings(client, ResearchAgent.DEFAULT_MODEL, server.baseUrl(), server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The client to give the agent; closed by {@link #close()}. */
    public OpenAIClient client() {
        return client;
    }

    /** The model to request. */
    public String model() {
        return model;
    }

    /** The base URL the client sends requests to. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The local server when running scripted (no {@code OPENAI_API_KEY}), else empty. */
    public Optional<ScriptedOpenAiServer> scriptedServer() {
        return Optional.ofNullable(scriptedServer);
    }

    public boolean isScripted() {
        return scriptedServer != null;
    }

    /** A research agent on this client and model, searching the built-in knowledge base in-process. */
    public ResearchAgent newAgent() {
        return new ResearchAgent(client, model);
    }

    /** A research agent on this client and model whose search tool asks {@code retriever}. */
    public ResearchAgent newAgent(Retriever retriever) {
        return new ResearchAgent(client, model, retriever);
    }

    /** Closes the client (its connection pool and threads), then stops the scripted server. */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            if (scriptedServer != null) {
                scriptedServer.close();
            }
        }
    }

    @Override
    public String toString() {
        return "AgentSettings[" + (isScripted() ? "scripted" : "provider")
                + ", baseUrl=" + baseUrl + ", model=" + model + "]";
    }

    private static Optional<String> value(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
