package dev.bridge.analytics.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The body of a 401 for a browser opening the page without a token. A browser cannot add an {@code Authorization}
 * header to a navigation, so the 401 carries a small loader (an inline script, allowed by its hash in this reply's
 * Content-Security-Policy): it takes the token from the URL fragment ({@code #token=...}; a fragment never reaches
 * the server or its logs) or asks for it, fetches the page and its files with the header, and starts the page,
 * which sends the header on every API call. Nothing of the page is disclosed without the token. Immutable,
 * thread-safe.
 */
final class TokenGatePage
{
    private static final String MARKER = "/*TOKEN_GATE_SCRIPT*/";

    private final Reply reply;

    private TokenGatePage(final Reply reply)
    {
        this.reply = reply;
    }

    /** @return the gate, read from the classpath now. */
    static TokenGatePage load()
    {
        final String template = new String(
            StaticResources.read("/dev/bridge/analytics/http/token-gate.html"), StandardCharsets.UTF_8);
        final String script = new String(
            StaticResources.read("/dev/bridge/analytics/http/token-gate.js"), StandardCharsets.UTF_8);
        if (!template.contains(MARKER))
        {
            throw new IllegalStateException("token-gate.html lacks the marker " + MARKER);
        }
        final String html = template.replace(MARKER, script);
        final String policy = "default-src 'none'; script-src 'sha256-" + sha256(script) + "' blob:; " +
            "style-src 'unsafe-inline'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; " +
            "frame-ancestors 'none'";
        return new TokenGatePage(new Reply(401, Reply.HTML, html.getBytes(StandardCharsets.UTF_8), Map.of(
            "Cache-Control", "no-store",
            "Content-Security-Policy", policy)));
    }

    /** @return the 401 reply with the loader, with the challenge of {@code refusal}. */
    Reply reply(final HttpError refusal)
    {
        Reply r = reply;
        for (final Map.Entry<String, String> header : refusal.headers().entrySet())
        {
            r = r.withHeader(header.getKey(), header.getValue());
        }
        return r;
    }

    private static String sha256(final String text)
    {
        try
        {
            return Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
        }
    }
}
