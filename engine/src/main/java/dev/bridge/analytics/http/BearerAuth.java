package dev.bridge.analytics.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The optional bearer token ({@code http.bearer_token}): when set, every request needs
 * {@code Authorization: Bearer <token>} (the scheme's case does not matter, RFC 6750). The presented token is
 * compared through SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken reveals neither the token's
 * length nor how much of it matched. Immutable, thread-safe.
 */
final class BearerAuth
{
    /** The {@code WWW-Authenticate} challenge of a request without a token. */
    static final String CHALLENGE = "Bearer realm=\"analytics\"";
    /** The challenge of a request with a wrong token. */
    static final String INVALID_CHALLENGE = "Bearer realm=\"analytics\", error=\"invalid_token\"";

    private static final String SCHEME = "bearer ";

    private final byte[] expectedDigest;

    private BearerAuth(final byte[] expectedDigest)
    {
        this.expectedDigest = expectedDigest;
    }

    /** @param token the token every request must present, or null for none. */
    static BearerAuth of(final String token)
    {
        return new BearerAuth(token == null ? null : digest(token));
    }

    /** @return true when a token is configured. */
    boolean required()
    {
        return expectedDigest != null;
    }

    /**
     * @param authorization the values of the request's {@code Authorization} header (the first one counts).
     * @return null when the request may pass, else the 401 it gets.
     */
    HttpError check(final List<String> authorization)
    {
        if (expectedDigest == null)
        {
            return null;
        }
        final String value = authorization.isEmpty() ? null : authorization.get(0).trim();
        if (value == null || !value.toLowerCase(Locale.ROOT).startsWith(SCHEME))
        {
            return new HttpError(401, "this server needs a bearer token: send the header 'Authorization: Bearer <token>'",
                Map.of("WWW-Authenticate", CHALLENGE));
        }
        final String token = value.substring(SCHEME.length()).trim();
        if (!MessageDigest.isEqual(expectedDigest, digest(token)))
        {
            return new HttpError(401, "invalid bearer token", Map.of("WWW-Authenticate", INVALID_CHALLENGE));
        }
        return null;
    }

    private static byte[] digest(final String token)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
        }
    }
}
