package dev.bridge.analytics.http;

import dev.bridge.analytics.export.ExportFormat;

import java.util.List;
import java.util.Locale;

/**
 * Content negotiation of {@code /metrics} (RFC 9110 section 12.5.1): each format's quality is that of the most
 * specific media range matching it ({@code type/subtype} before {@code type/*} before <code>*&#47;*</code>; the highest q
 * among equally specific ones). OpenMetrics 1.0 ({@code application/openmetrics-text}, with no version or
 * {@code version=1.0.0}) is served when its quality is above 0 and above that of Prometheus text
 * ({@code text/plain}, no version or {@code version=0.0.4}), or equal to it with OpenMetrics named explicitly (not
 * only through a wildcard); everything else, including no {@code Accept} header, gets text 0.0.4. A range with a malformed q is
 * ignored. Stateless; thread-safe.
 */
final class AcceptHeader
{
    private static final int NO_MATCH = -1;
    private static final int ANY = 0;
    private static final int ANY_SUBTYPE = 1;
    private static final int EXACT = 2;

    private AcceptHeader()
    {
    }

    /** @param accept the values of the request's {@code Accept} headers (several are joined, as RFC 9110 allows). */
    static ExportFormat metricsFormat(final List<String> accept)
    {
        final Quality openMetrics = new Quality();
        final Quality text = new Quality();
        for (final String header : accept)
        {
            for (final String range : header.split(","))
            {
                final MediaRange media = MediaRange.parse(range);
                if (media != null)
                {
                    openMetrics.offer(media.match("application", "openmetrics-text", "1.0.0"), media.q());
                    text.offer(media.match("text", "plain", "0.0.4"), media.q());
                }
            }
        }
        final boolean preferred = openMetrics.q > text.q ||
            (openMetrics.q == text.q && openMetrics.specificity == EXACT);
        return openMetrics.q > 0 && preferred ? ExportFormat.OPENMETRICS : ExportFormat.PROMETHEUS;
    }

    /** The quality of one format: from the most specific range matching it so far. */
    private static final class Quality
    {
        int specificity = NO_MATCH;
        double q;

        void offer(final int rangeSpecificity, final double rangeQ)
        {
            if (rangeSpecificity > specificity)
            {
                specificity = rangeSpecificity;
                q = rangeQ;
            }
            else if (rangeSpecificity == specificity && rangeSpecificity != NO_MATCH)
            {
                q = Math.max(q, rangeQ);
            }
        }
    }

    /** One media range: {@code type/subtype;param=value;q=0.5}. */
    private record MediaRange(String type, String subtype, String version, double q)
    {
        /** @return the range, or null when it is malformed (no slash, bad q). */
        static MediaRange parse(final String text)
        {
            final String[] parts = text.split(";", -1);
            final String[] typeAndSub = parts[0].trim().toLowerCase(Locale.ROOT).split("/", -1);
            if (typeAndSub.length != 2 || typeAndSub[0].isEmpty() || typeAndSub[1].isEmpty())
            {
                return null;
            }
            String version = null;
            double q = 1.0;
            for (int i = 1; i < parts.length; i++)
            {
                final int eq = parts[i].indexOf('=');
                if (eq < 0)
                {
                    continue;
                }
                final String name = parts[i].substring(0, eq).trim().toLowerCase(Locale.ROOT);
                final String value = unquote(parts[i].substring(eq + 1).trim());
                if (name.equals("q"))
                {
                    try
                    {
                        q = Double.parseDouble(value);
                    }
                    catch (final NumberFormatException ex)
                    {
                        return null;
                    }
                    if (!(q >= 0.0 && q <= 1.0))
                    {
                        return null;
                    }
                }
                else if (name.equals("version"))
                {
                    version = value;
                }
            }
            return new MediaRange(typeAndSub[0], typeAndSub[1], version, q);
        }

        /** @return how specifically this range matches {@code type/subtype} at {@code servedVersion}, or NO_MATCH. */
        int match(final String wantedType, final String wantedSubtype, final String servedVersion)
        {
            if (type.equals("*"))
            {
                return subtype.equals("*") ? ANY : NO_MATCH;
            }
            if (!type.equals(wantedType))
            {
                return NO_MATCH;
            }
            if (subtype.equals("*"))
            {
                return ANY_SUBTYPE;
            }
            return subtype.equals(wantedSubtype) && (version == null || version.equals(servedVersion)) ? EXACT : NO_MATCH;
        }

        private static String unquote(final String value)
        {
            return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ?
                value.substring(1, value.length() - 1) : value;
        }
    }
}
