package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.store.DirectoryTrees;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and extreme StatsD lines: the parser never throws and answers one of its four outcomes; a counter line is
 * taken when its value / sample rate fits a 64-bit integer and rejected when it does not (decided on the exact
 * decimal, except within 1e-9 of 2^63, where the double the line is read as decides), never carried; every line gets
 * exactly one outcome and the counter's total never goes negative. Each property runs {@value #TRIES} tries; try
 * {@code i} draws its input from {@code new SplittableRandom(seed + i)}, and a failure names the seed, the try and the
 * input.
 */
class StatsdPropertiesTest
{
    private static final int TRIES = 1_000;
    private static final long BYTES_SEED = 0x57A75D_0001L;
    private static final long COUNTER_SEED = 0x57A75D_0002L;
    /** What StatsD lines are made of, drawn half the time so that random bytes often look like a line. */
    private static final byte[] LINE_BYTES = "abc_.:|@#,=+-eE0123456789\n\r \t".getBytes(StandardCharsets.US_ASCII);
    private static final String[] SPECIAL_NUMBERS = { "9223372036854775807", "9223372036854775808", "9223372036854774784",
        "-9223372036854775808", "-9223372036854775809", "9007199254740992", "9007199254740993", "99999999999999999999999999",
        "1e300", "1e19", "9.2e18", "5000000000000000000", "-9.3e18", "0", "-0", "1", "-1", "0.5", "1e308",
        "1.7976931348623157e308", "1e-300", "4611686018427387904", "18446744073709551616" };
    private static final String[] SPECIAL_RATES = { "", "", "1", "0.5", "0.1", "1e-10", "1e-19", "1e-300" };
    private static final BigDecimal TWO_TO_63 = new BigDecimal(BigInteger.ONE.shiftLeft(63));
    private static final BigDecimal LOW = TWO_TO_63.multiply(new BigDecimal("0.999999999"));
    private static final BigDecimal HIGH = TWO_TO_63.multiply(new BigDecimal("1.000000001"));

    private Path dir;
    private StatsdFixture f;

    @BeforeEach
    void start() throws IOException
    {
        dir = Files.createTempDirectory("statsd-properties-");
        f = new StatsdFixture(dir, StatsdFixture.settings());
    }

    @AfterEach
    void stop()
    {
        f.close();
        DirectoryTrees.delete(dir);
    }

    @Test
    void shouldParseAnyBytesWithoutThrowingIntoOneOfFourOutcomes()
    {
        for (int i = 0; i < TRIES; i++)
        {
            final byte[] bytes = bytes(new SplittableRandom(BYTES_SEED + i));
            final String where = "seed 0x" + Long.toHexString(BYTES_SEED) + "L, try " + i + ", bytes " +
                Arrays.toString(bytes);
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            final StatsdLine line = new StatsdLine();
            final int outcome;
            try
            {
                outcome = StatsdLineParser.parse(buffer, 0, bytes.length, line);
            }
            catch (final RuntimeException e)
            {
                throw new AssertionError(where + ": the parser threw", e);
            }
            assertTrue(outcome >= StatsdLineParser.METRIC && outcome <= StatsdLineParser.MALFORMED, where);
            if (outcome == StatsdLineParser.METRIC)
            {
                assertTrue(line.largestMagnitude() >= 0 && Double.isFinite(line.largestMagnitude()), where);
            }
        }
    }

    @Test
    void shouldTakeACounterLineWhoseScaledValueFitsALongAndRejectItOtherwise()
    {
        for (int i = 0; i < TRIES; i++)
        {
            final SplittableRandom random = new SplittableRandom(COUNTER_SEED + i);
            final String value = number(random);
            final String rate = rate(random);
            checkCounterLine(value, rate, "seed 0x" + Long.toHexString(COUNTER_SEED) + "L, try " + i + ", value " + value +
                ", rate '" + rate + "'");
        }
    }

    private void checkCounterLine(final String value, final String rate, final String where)
    {
        final Map<LineOutcome, Long> before = outcomes();
        final long linesBefore = f.ingest.counters().lines();

        f.feed("cache_hit:" + value + "|c" + (rate.isEmpty() ? "" : "|@" + rate));

        assertEquals(0, f.ingest.internalErrors(), where);
        assertEquals(linesBefore + 1, f.ingest.counters().lines(), where);
        final LineOutcome outcome = changed(before, where);
        final BigDecimal exact = new BigDecimal(value);
        if (exact.abs().compareTo(new BigDecimal("2e308")) >= 0)
        {
            assertEquals(LineOutcome.MALFORMED, outcome, where);
            return;
        }
        final BigDecimal amount = exact.divide(rate.isEmpty() ? BigDecimal.ONE : new BigDecimal(rate), MathContext.DECIMAL128)
            .abs();
        if (amount.compareTo(HIGH) >= 0)
        {
            assertEquals(LineOutcome.REJECTED, outcome, where);
        }
        else if (amount.compareTo(LOW) <= 0 && exact.abs().compareTo(new BigDecimal("1e308")) <= 0)
        {
            assertEquals(LineOutcome.ACCEPTED, outcome, where);
        }
        final long sum = f.stats("cache_hit").sum();
        assertTrue(sum >= 0, () -> where + ": the total wrapped: " + sum);
        assertTrue(f.engine.selfMetric(SelfMetric.VALUES_SATURATED) >= 0, where);
    }

    /** @return 0 to 120 bytes, empty or full length a tenth of the time each, half of them characters of a line. */
    private static byte[] bytes(final SplittableRandom random)
    {
        final int pick = random.nextInt(10);
        final byte[] bytes = new byte[pick == 0 ? 0 : pick == 1 ? 120 : random.nextInt(121)];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = random.nextBoolean() ? LINE_BYTES[random.nextInt(LINE_BYTES.length)] : (byte)random.nextInt(256);
        }
        return bytes;
    }

    /** @return a decimal: half the time one of {@link #SPECIAL_NUMBERS}, else [sign] 1-30 digits [.1-10 digits] [e-330..330]. */
    private static String number(final SplittableRandom random)
    {
        if (random.nextBoolean())
        {
            return SPECIAL_NUMBERS[random.nextInt(SPECIAL_NUMBERS.length)];
        }
        final StringBuilder number = new StringBuilder(new String[]{ "", "", "+", "-" }[random.nextInt(4)]);
        appendDigits(random, number, 1 + random.nextInt(30));
        if (random.nextBoolean())
        {
            appendDigits(random, number.append('.'), 1 + random.nextInt(10));
        }
        if (random.nextBoolean())
        {
            number.append('e').append(random.nextInt(-330, 331));
        }
        return number.toString();
    }

    private static void appendDigits(final SplittableRandom random, final StringBuilder to, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            to.append((char)('0' + random.nextInt(10)));
        }
    }

    /** @return a sample rate: half the time one of {@link #SPECIAL_RATES}, else a double in (0, 1) of 12 decimals, written exactly. */
    private static String rate(final SplittableRandom random)
    {
        if (random.nextBoolean())
        {
            return SPECIAL_RATES[random.nextInt(SPECIAL_RATES.length)];
        }
        double rate;
        do
        {
            rate = BigDecimal.valueOf(random.nextDouble()).setScale(12, RoundingMode.HALF_UP).doubleValue();
        }
        while (rate <= 0 || rate >= 1);
        return new BigDecimal(rate).toPlainString();
    }

    private Map<LineOutcome, Long> outcomes()
    {
        final Map<LineOutcome, Long> counts = new EnumMap<>(LineOutcome.class);
        for (final LineOutcome outcome : LineOutcome.values())
        {
            counts.put(outcome, f.lines(outcome));
        }
        return counts;
    }

    /** @return the one outcome whose count went up by one since {@code before}. */
    private LineOutcome changed(final Map<LineOutcome, Long> before, final String where)
    {
        LineOutcome changed = null;
        for (final LineOutcome outcome : LineOutcome.values())
        {
            final long delta = f.lines(outcome) - before.get(outcome);
            if (delta != 0)
            {
                assertEquals(1, delta, where + ": " + outcome);
                assertEquals(null, changed, where + ": two outcomes for one line");
                changed = outcome;
            }
        }
        assertTrue(changed != null, where + ": no outcome");
        return changed;
    }
}
