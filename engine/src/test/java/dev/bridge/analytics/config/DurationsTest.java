package dev.bridge.analytics.config;

import dev.bridge.analytics.SeededTries;
import dev.bridge.analytics.query.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Durations}: Prometheus' duration syntax, and the right spelling named for the ones other tools accept. */
class DurationsTest
{
    /** Prometheus' own grammar, verbatim from prometheus/common model/time.go ({@code durationRE}). */
    private static final Pattern PROMETHEUS = Pattern.compile(
        "^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$");
    private static final long[] GROUP_MS = { 365 * 86_400_000L, 7 * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L,
        1_000L, 1L };
    private static final String[] PIECES = { "y", "w", "d", "h", "m", "s", "ms", "M", "S", "x", ".", "-", " ", "P",
        "T", "us" };
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        0                  | 0
        0s                 | 0
        500ms              | 500
        30s                | 30000
        007s               | 7000
        1h30m              | 5400000
        7d                 | 604800000
        2w                 | 1209600000
        1y                 | 31536000000
        1y2w3d4h5m6s7ms    | 33019506007
        1d12h              | 129600000
        """)
    void shouldReadPrometheusDurations(final String text, final long expectedMs)
    {
        assertEquals(Duration.ofMillis(expectedMs), Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        1.5s                  | bad duration '1.5s': no fractions; use 1s500ms
        1.5h                  | bad duration '1.5h': no fractions; use 1h30m
        0.5ms                 | bad duration '0.5ms': no fractions: write whole units, the finest is ms
        PT30S                 | bad duration 'PT30S': ISO-8601 is not accepted; use 30s
        pt1h30m               | bad duration 'pt1h30m': ISO-8601 is not accepted; use 1h30m
        P14D                  | bad duration 'P14D': ISO-8601 is not accepted; use 2w
        10                    | bad duration '10': a number needs a unit; use 10s
        30m1h                 | bad duration '30m1h': units go from the largest to the smallest, each once (y w d h m s ms); use 1h30m
        5m5m                  | bad duration '5m5m': units go from the largest to the smallest, each once (y w d h m s ms); use 10m
        1 day                 | bad duration '1 day': expected a Prometheus duration, e.g. 500ms, 30s, 1h30m, 7d, 2w
        5M                    | bad duration '5M': expected a Prometheus duration, e.g. 500ms, 30s, 1h30m, 7d, 2w
        ""                    | bad duration '': expected a Prometheus duration, e.g. 500ms, 30s, 1h30m, 7d, 2w
        -5m                   | negative duration '-5m': durations must be >= 0
        -1h30m                | negative duration '-1h30m': durations must be >= 0
        99999999999999999999d | duration '99999999999999999999d' is out of range
        106751991168000d      | duration '106751991168000d' is out of range
        """)
    void shouldRefuseOtherSpellingsNamingTheRightOne(final String text, final String message)
    {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Durations.parse(text)).getMessage());
    }

    @Test
    void shouldAcceptExactlyWhatPrometheusAcceptsOnASeededCorpus()
    {
        final int[] accepted = new int[1];
        SeededTries.check(0x16D0_2A7EL, 20_000, DurationsTest::candidate, text ->
        {
            final Matcher m = PROMETHEUS.matcher(text);
            if ("0".equals(text) || (!text.isEmpty() && m.matches()))
            {
                accepted[0]++;
                final Duration parsed = Durations.parse(text);
                assertEquals(prometheusMs(m, text), BigInteger.valueOf(parsed.getSeconds()).multiply(THOUSAND)
                    .add(BigInteger.valueOf(parsed.getNano() / 1_000_000)));
            }
            else
            {
                final String message = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text))
                    .getMessage();
                assertTrue(message.startsWith("bad duration '" + text + "': ") ||
                    message.equals("negative duration '" + text + "': durations must be >= 0"), message);
            }
        });
        assertTrue(accepted[0] > 2_000 && accepted[0] < 18_000, "the corpus mixes both: " + accepted[0] + " accepted");
    }

    @Test
    void shouldReadTheSameSyntaxInTheYamlFileAndInRanges() throws ConfigException
    {
        final EngineConfig config = EngineConfig.parse("engine:\n  retention_period: 1d12h\nmetrics: {}\n", "a.yaml");
        assertEquals(Duration.ofHours(36), config.engine().retentionPeriod());

        final TimeRange.ResolvedRange range = TimeRange.parse("last_1h30m")
            .resolve(1_700_000_040_500L, config.engine().resolutions());
        assertEquals(90 * 60_000L, range.toMs() - range.fromMs());
        assertEquals("a.yaml:2:21: engine.retention_period: bad duration '1.5d': no fractions; use 1d12h",
            assertThrows(ConfigException.class,
                () -> EngineConfig.parse("engine:\n  retention_period: 1.5d\nmetrics: {}\n", "a.yaml")).getMessage());
    }

    @Test
    void shouldSpellAsPrometheusPrintsAndReadItBack()
    {
        assertEquals("0s", Durations.spell(Duration.ZERO));
        assertEquals("1s500ms", Durations.spell(Duration.ofMillis(1500)));
        assertEquals("90d", Durations.spell(Duration.ofDays(90)));
        assertEquals("1y", Durations.spell(Duration.ofDays(365)));
        assertEquals("53w", Durations.spell(Duration.ofDays(371)));
        assertEquals("1d1h1m1s1ms", Durations.spell(Duration.ofMillis(90_061_001)));
        SeededTries.check(0x16D0_5E11L, 2_000, r -> Duration.ofMillis(r.nextLong(1, 1L << 50)),
            d -> assertEquals(d, Durations.parse(Durations.spell(d))));
    }

    /** @return a spelling near the syntax: terms with units in any order, amounts of up to 8 digits (no sum overflows), stray characters. */
    private static String candidate(final SplittableRandom random)
    {
        if (random.nextInt(50) == 0)
        {
            return "0";
        }
        final StringBuilder text = new StringBuilder(random.nextInt(8) == 0 ? "-" : "");
        final int terms = random.nextInt(5);
        for (int t = 0; t < terms; t++)
        {
            if (random.nextInt(6) != 0)
            {
                text.append(random.nextLong((long) Math.pow(10, 1 + random.nextInt(8))));
            }
            text.append(PIECES[random.nextInt(random.nextInt(4) == 0 ? PIECES.length : 7)]);
        }
        return text.toString();
    }

    /** @return the milliseconds Prometheus reads {@code text} as, unbounded (Prometheus itself stops at 292 years). */
    private static BigInteger prometheusMs(final Matcher m, final String text)
    {
        if ("0".equals(text))
        {
            return BigInteger.ZERO;
        }
        BigInteger total = BigInteger.ZERO;
        for (int unit = 0; unit < GROUP_MS.length; unit++)
        {
            final String amount = m.group(2 * unit + 2);
            if (amount != null)
            {
                total = total.add(new BigInteger(amount).multiply(BigInteger.valueOf(GROUP_MS[unit])));
            }
        }
        return total;
    }
}
