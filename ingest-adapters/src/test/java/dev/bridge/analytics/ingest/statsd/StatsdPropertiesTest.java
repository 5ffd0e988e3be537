package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.store.DirectoryTrees;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and extreme StatsD lines: the parser never throws and answers one of its four outcomes; a counter line is
 * taken when its value / sample rate fits a 64-bit integer and rejected when it does not (decided on the exact
 * decimal, except within 1e-9 of 2^63, where the double the line is read as decides), never carried; every line gets
 * exactly one outcome and the counter's total never goes negative.
 */
class StatsdPropertiesTest
{
    private static final BigDecimal TWO_TO_63 = new BigDecimal(java.math.BigInteger.ONE.shiftLeft(63));
    private static final BigDecimal LOW = TWO_TO_63.multiply(new BigDecimal("0.999999999"));
    private static final BigDecimal HIGH = TWO_TO_63.multiply(new BigDecimal("1.000000001"));

    private Path dir;
    private StatsdFixture f;

    @BeforeProperty
    void start() throws IOException
    {
        dir = Files.createTempDirectory("statsd-properties-");
        f = new StatsdFixture(dir, StatsdFixture.settings());
    }

    @AfterProperty
    void stop()
    {
        f.close();
        DirectoryTrees.delete(dir);
    }

    @Property(tries = 1_000)
    void shouldParseAnyBytesWithoutThrowingIntoOneOfFourOutcomes(@ForAll @Size(max = 120) final byte[] bytes)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final StatsdLine line = new StatsdLine();
        final int outcome = StatsdLineParser.parse(buffer, 0, bytes.length, line);
        assertTrue(outcome >= StatsdLineParser.METRIC && outcome <= StatsdLineParser.MALFORMED);
        if (outcome == StatsdLineParser.METRIC)
        {
            assertTrue(line.largestMagnitude() >= 0 && Double.isFinite(line.largestMagnitude()));
        }
    }

    @Property(tries = 1_000)
    void shouldTakeACounterLineWhoseScaledValueFitsALongAndRejectItOtherwise(
        @ForAll("numbers") final String value, @ForAll("rates") final String rate)
    {
        final Map<LineOutcome, Long> before = outcomes();
        final long linesBefore = f.ingest.counters().lines();

        f.feed("cache_hit:" + value + "|c" + (rate.isEmpty() ? "" : "|@" + rate));

        assertEquals(0, f.ingest.internalErrors());
        assertEquals(linesBefore + 1, f.ingest.counters().lines());
        final LineOutcome outcome = changed(before);
        final BigDecimal exact = new BigDecimal(value);
        if (exact.abs().compareTo(new BigDecimal("2e308")) >= 0)
        {
            assertEquals(LineOutcome.MALFORMED, outcome, value);
            return;
        }
        final BigDecimal amount = exact.divide(rate.isEmpty() ? BigDecimal.ONE : new BigDecimal(rate), MathContext.DECIMAL128)
            .abs();
        if (amount.compareTo(HIGH) >= 0)
        {
            assertEquals(LineOutcome.REJECTED, outcome, value + " @" + rate);
        }
        else if (amount.compareTo(LOW) <= 0 && exact.abs().compareTo(new BigDecimal("1e308")) <= 0)
        {
            assertEquals(LineOutcome.ACCEPTED, outcome, value + " @" + rate);
        }
        final long sum = f.stats("cache_hit").sum();
        assertTrue(sum >= 0, () -> "the total wrapped: " + sum);
        assertTrue(f.engine.selfMetric(SelfMetric.VALUES_SATURATED) >= 0);
    }

    @Provide
    Arbitrary<String> numbers()
    {
        final Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30);
        final Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(10).map(d -> "." + d));
        final Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.just(""),
            Arbitraries.integers().between(-330, 330).map(e -> "e" + e));
        final Arbitrary<String> sign = Arbitraries.of("", "", "+", "-");
        final Arbitrary<String> random = Combinators.combine(sign, digits, fraction, exponent).as((s, d, fr, e) -> s + d + fr + e);
        return Arbitraries.oneOf(random, Arbitraries.of("9223372036854775807", "9223372036854775808", "9223372036854774784",
            "99999999999999999999999999", "1e300", "1e19", "9.2e18", "5000000000000000000", "-9.3e18", "0", "0.5", "1e308",
            "1.7976931348623157e308", "1e-300"));
    }

    @Provide
    Arbitrary<String> rates()
    {
        return Arbitraries.oneOf(Arbitraries.of("", "", "1", "0.5", "0.1", "1e-10", "1e-19", "1e-300"),
            Arbitraries.doubles().between(0.0, 1.0).ofScale(12).filter(r -> r > 0).map(r -> new BigDecimal(r).toPlainString()));
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
    private LineOutcome changed(final Map<LineOutcome, Long> before)
    {
        LineOutcome changed = null;
        for (final LineOutcome outcome : LineOutcome.values())
        {
            final long delta = f.lines(outcome) - before.get(outcome);
            if (delta != 0)
            {
                assertEquals(1, delta, outcome.toString());
                assertEquals(null, changed, "two outcomes for one line");
                changed = outcome;
            }
        }
        assertTrue(changed != null, "no outcome");
        return changed;
    }
}
