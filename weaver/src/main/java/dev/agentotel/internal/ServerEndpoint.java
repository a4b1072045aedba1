package dev.agentotel.internal;

import java.net.URI;
import java.util.Locale;

/**
 * {@code server.address} and {@code server.port} of LLM calls, from the base URL the application
 * configured. openai-java clients do not reveal their base URL once built, so it is read from
 * configuration: {@code agentotel.llm.base-url} ({@code AGENTOTEL_LLM_BASE_URL}) for any provider,
 * else, for provider {@code openai}, the {@code openai.baseUrl} system property or the
 * {@code OPENAI_BASE_URL} environment variable that openai-java's {@code fromEnv()} reads. Nothing
 * configured: no server attributes, rather than a guess.
 */
final class ServerEndpoint {

    static final String PROPERTY = "agentotel.llm.base-url";
    static final ServerEndpoint UNKNOWN = new ServerEndpoint(null, -1, null);

    /** The address, {@code null} when unknown. */
    final String address;
    /** The port, {@code -1} when unknown. */
    final long port;
    /** The endpoint for provider {@code openai} when {@link #PROPERTY} is not set. */
    private final ServerEndpoint openAi;

    private ServerEndpoint(String address, long port, ServerEndpoint openAi) {
        this.address = address;
        this.port = port;
        this.openAi = openAi;
    }

    static ServerEndpoint fromConfig() {
        ServerEndpoint configured = parse(Config.get(PROPERTY), PROPERTY);
        String openAiUrl = System.getProperty("openai.baseUrl");
        String source = "openai.baseUrl";
        if (openAiUrl == null || openAiUrl.isBlank()) {
            openAiUrl = System.getenv("OPENAI_BASE_URL");
            source = "OPENAI_BASE_URL";
        }
        ServerEndpoint openAi = parse(openAiUrl, source);
        return configured.address != null ? configured : new ServerEndpoint(null, -1, openAi);
    }

    /** The endpoint of calls to {@code provider}. */
    ServerEndpoint forProvider(String provider) {
        return openAi != null && "openai".equals(provider) ? openAi : this;
    }

    /**
     * {@code http://host:port/path} → host and port (80/443 by scheme when absent); {@code http://}
     * is assumed without a scheme, and hosts that {@link URI} rejects ({@code llm_proxy}) are read
     * from the authority. Bad URLs are logged once.
     */
    static ServerEndpoint parse(String url, String source) {
        if (url == null || url.isBlank()) {
            return UNKNOWN;
        }
        String text = url.trim();
        try {
            URI uri = URI.create(text.contains("://") ? text : "http://" + text);
            String host = uri.getHost();
            long port = uri.getPort();
            if (host == null) {
                // A registry-based authority: a host name URI rejects, as Docker service names can be.
                String authority = uri.getRawAuthority();
                if (authority == null || authority.isEmpty()) {
                    throw new IllegalArgumentException("no host in \"" + url + '"');
                }
                authority = authority.substring(authority.lastIndexOf('@') + 1);
                int colon = authority.lastIndexOf(':');
                host = colon < 0 ? authority : authority.substring(0, colon);
                port = colon < 0 ? -1 : Long.parseLong(authority.substring(colon + 1));
            }
            if (port < 0) {
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                port = scheme.equals("http") ? 80 : scheme.equals("https") ? 443 : -1;
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new ServerEndpoint(host, port, null);
        } catch (RuntimeException e) {
            SafeLog.warnOnce("ServerEndpoint " + source,
                    source + " is not a URL, so LLM spans get no server.address: " + e.getMessage());
            return UNKNOWN;
        }
    }
}
