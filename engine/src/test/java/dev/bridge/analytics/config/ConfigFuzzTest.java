package dev.bridge.analytics.config;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bounded, seeded fuzzing of every numeric and duration key of {@link ConfigRanges#ALL}: values just outside the
 * range, extremes, random values of every size and garbage, each placed in a minimal document. An out-of-range value
 * is always a {@link ConfigException} at {@code fuzz.yaml:line:column} naming the key; any value either loads or is
 * such an exception (for another reason), never another exception type.
 */
class ConfigFuzzTest
{
    private static final long SEED = 20261206L;
    private static final int RANDOM_VALUES_PER_KEY = 40;
    private static final Pattern PLACED = Pattern.compile("fuzz\\.yaml:[1-9]\\d*:[1-9]\\d*: .+");
    private static final String[] UNITS = { "ms", "s", "m", "h", "d" };
    private static final long[] UNIT_MS = { 1, 1_000, 60_000, 3_600_000, 86_400_000 };

    @TestFactory
    Stream<DynamicTest> shouldRefuseEveryOutOfRangeValueAtItsKey()
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final SettingRange range : ConfigRanges.ALL)
        {
            for (final String value : outOfRange(range))
            {
                tests.add(DynamicTest.dynamicTest(range.key() + ": " + value, () -> assertRefusedAtKey(range, value)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> shouldLoadOrRefuseAtAPositionEveryRandomValue()
    {
        final Random random = new Random(SEED);
        final List<DynamicTest> tests = new ArrayList<>();
        for (final SettingRange range : ConfigRanges.ALL)
        {
            final List<String> values = new ArrayList<>();
            for (int i = 0; i < RANDOM_VALUES_PER_KEY; i++)
            {
                values.add(randomValue(range, random));
            }
            tests.add(DynamicTest.dynamicTest(range.key(), () ->
            {
                for (final String value : values)
                {
                    assertLoadsOrIsPlaced(range, value);
                }
            }));
        }
        return tests.stream();
    }

    private static void assertRefusedAtKey(final SettingRange range, final String value)
    {
        final String yaml = Documents.with(range.key(), value);
        try
        {
            EngineConfig.parse(yaml, "fuzz.yaml");
            fail(range.key() + ": " + value + " was accepted:\n" + yaml);
        }
        catch (final ConfigException ex)
        {
            assertTrue(PLACED.matcher(ex.getMessage()).matches(), ex.getMessage());
            assertEquals(Documents.path(range.key()), ex.field(), ex.getMessage());
        }
        catch (final RuntimeException | Error ex)
        {
            throw new AssertionError(range.key() + ": " + value + " threw " + ex + "\n" + yaml, ex);
        }
    }

    private static void assertLoadsOrIsPlaced(final SettingRange range, final String value)
    {
        final String yaml = Documents.with(range.key(), value);
        try
        {
            EngineConfig.parse(yaml, "fuzz.yaml");
        }
        catch (final ConfigException ex)
        {
            assertTrue(PLACED.matcher(ex.getMessage()).matches(), ex.getMessage());
            assertTrue(ex.field().startsWith(Documents.section(range.key())), ex.getMessage());
        }
        catch (final RuntimeException | Error ex)
        {
            throw new AssertionError(range.key() + ": " + value + " threw " + ex + "\n" + yaml, ex);
        }
    }

    /** @return spellings of values just below and above the range, and of the extremes. */
    private static List<String> outOfRange(final SettingRange r)
    {
        final List<String> values = new ArrayList<>();
        if (r.duration())
        {
            if (r.min() > 0)
            {
                values.add(r.min() >= 1000 ? (r.min() - 1) + "ms" : "0");
            }
            values.add((r.max() + 1) + "ms");
            values.add(Math.addExact(r.max() / 1000, 1) + "s");
            values.add("99999999999999d");
            values.add("106751991167d");
            values.add("9223372036854775807ms");
            values.add("9223372036854775807d");
        }
        else
        {
            if (r.min() > Long.MIN_VALUE)
            {
                values.add(String.valueOf(r.min() - 1));
            }
            if (r.max() < Long.MAX_VALUE)
            {
                values.add(String.valueOf(r.max() + 1));
            }
            values.add("-9223372036854775808");
            if (r.powerOfTwo())
            {
                values.add(String.valueOf(r.min() + 1));
            }
        }
        return values;
    }

    /** @return a random spelling: in range, out of range, of any magnitude, or not a value of the type at all. */
    private static String randomValue(final SettingRange r, final Random random)
    {
        switch (random.nextInt(8))
        {
            case 0:
                return garbage(random);
            case 1:
                return String.valueOf(random.nextLong());
            case 2:
                return "9".repeat(1 + random.nextInt(200));
            default:
                if (r.duration())
                {
                    final int unit = random.nextInt(UNITS.length);
                    final long amount = random.nextBoolean() ?
                        Math.floorMod(random.nextLong(), Math.max(1, 4 * r.max() / UNIT_MS[unit] + 2)) :
                        random.nextLong() >>> random.nextInt(64);
                    return amount + UNITS[unit];
                }
                return String.valueOf(random.nextBoolean() ?
                    r.min() + Math.floorMod(random.nextLong(), Math.max(1, Math.min(Long.MAX_VALUE / 4, r.max() - r.min()) * 2 + 1)) :
                    random.nextLong() >> random.nextInt(64));
        }
    }

    private static String garbage(final Random random)
    {
        final String[] forms = { "''", "x", "1.5", "-1s", "1e400", "0x10", "[1, 2]", "{a: 1}", "true", "~", "1 s", "1S",
            "'12'", "1.0ms", "+5", "NaN", "-0", "00000000000000000000001" };
        return forms[random.nextInt(forms.length)];
    }

    /** Minimal documents that put a value at a key template. */
    static final class Documents
    {
        private static final String METRIC = "metrics:\n  m:\n    type: counter\n    unit: operations\n    help: m\n";

        private Documents()
        {
        }

        /** @return the path an error about {@code key} names: list items are the first, metrics are 'h'. */
        static String path(final String key)
        {
            return key.replace("[]", "[0]").replace("metrics.*", "metrics.h");
        }

        /** @return the section ({@code engine}, {@code alerts}...) of a key. */
        static String section(final String key)
        {
            final String path = path(key);
            return path.startsWith("metrics.") ? "metrics" : path.substring(0, path.indexOf('.'));
        }

        static String with(final String key, final String value)
        {
            final String name = key.substring(key.lastIndexOf('.') + 1);
            if (key.startsWith("engine.") || key.startsWith("http.") || key.startsWith("statsd.") ||
                key.startsWith("alerts.evaluation_interval"))
            {
                return key.substring(0, key.indexOf('.')) + ":\n  " + name + ": " + value + "\n" + METRIC;
            }
            if (key.startsWith("export."))
            {
                final String[] parts = key.split("\\.");
                return "export:\n  " + parts[1] + ":\n    " + name + ": " + value + "\n" + METRIC;
            }
            if (key.startsWith("alerts.rules[].expr."))
            {
                return "alerts:\n  rules:\n    - { name: r, expr: { metric: m, aggregation: rate, " + name + ": " +
                    value + " }, comparator: '>', threshold: 1, severity: info }\n" + METRIC;
            }
            if (key.startsWith("alerts.rules[]."))
            {
                return "alerts:\n  rules:\n    - { name: r, expr: { field: cache.hit_rate }, comparator: '<', " +
                    "threshold: 1, severity: info, " + name + ": " + value + " }\n" + METRIC;
            }
            if (key.startsWith("alerts.route.receivers[]."))
            {
                return "alerts:\n  route:\n    receivers:\n      - { type: webhook, url: 'http://127.0.0.1:1/', " +
                    name + ": " + value + " }\n" + METRIC;
            }
            if (key.startsWith("alerts.route."))
            {
                return "alerts:\n  route:\n    " + name + ": " + value + "\n" + METRIC;
            }
            if (key.startsWith("alerts.silences[]."))
            {
                return "alerts:\n  silences:\n    - { matchers: { alertname: r }, " + name + ": " + value + " }\n" + METRIC;
            }
            if (key.startsWith("metrics.*.histogram."))
            {
                final StringBuilder histogram = new StringBuilder("{ ");
                for (final String k : List.of("lowest", "highest", "significant_digits"))
                {
                    histogram.append(k).append(": ").append(k.equals(name) ? value :
                        k.equals("lowest") ? "1" : k.equals("highest") ? "1000000" : "2").append(", ");
                }
                if (name.equals("exact_samples"))
                {
                    histogram.append("exact_samples: ").append(value).append(", ");
                }
                histogram.setLength(histogram.length() - 2);
                return "metrics:\n  h:\n    type: histogram\n    unit: microseconds\n    help: h\n    histogram: " +
                    histogram + " }\n";
            }
            throw new IllegalArgumentException("no document for " + key);
        }
    }
}
