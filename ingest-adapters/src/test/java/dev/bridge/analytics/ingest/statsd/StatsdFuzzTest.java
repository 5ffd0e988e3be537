package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.config.StatsdUnmappedPolicy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million random and mutated lines (seeded): no exception escapes {@link StatsdIngest}, none is caught inside it
 * either (that would be a bug counted as rejected), and every non-empty line gets exactly one outcome.
 */
class StatsdFuzzTest
{
    private static final int LINES = 1_000_000;
    private static final int MAX_DATAGRAM = 1432;
    private static final String[] CORPUS = {
        "variable_read:1|c", "variable_read:1:2:3|c|@0.5", "dspex.read:1.5|ms|@0.25|#env:prod",
        "dspex.sessions:+5|g", "dspex.sessions:-3|g|T1700000005", "app.payload:100|h", "app.payload:2e3|d|c:abc123",
        "app.users:alice|s", "errors,operation=write:2|c", "errors#operation=delete:3|c", "errors[operation=x]:4|c",
        "dspex.errors.timeout:6|c|#operation:ignored,host:a", "dspex.grpc.UNAVAILABLE:2|c", "_e{5,4}:title|text|#a:b",
        "_sc|my.check|0|#a:b|m:msg", "app.users_api.requests:1|c|#status:200", "My.Unmapped.Timer:12.75|ms",
        "variable_read:1|c|e:it-false|c:ci-123|T1700000001", "read_latency_us:-1|h", "x:1e308|g", "y:.5|c" };
    private static final byte[] ALPHABET = ":|@#,=[].-+eE0123456789abcT_ \r\n\u0000\u007f".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldCountEveryLineOfAMillionRandomAndMutatedLinesWithoutThrowing()
    {
        final SplittableRandom random = new SplittableRandom(20_231_114L);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_DATAGRAM * 2));
        try (StatsdFixture f = new StatsdFixture(dir, StatsdFixture.settings()
            .withUnmapped(StatsdUnmappedPolicy.AUTO_REGISTER).withMaxDatagramBytes(MAX_DATAGRAM)))
        {
            long expectedLines = 0;
            long oversized = 0;
            int generated = 0;
            final ByteArrayOutputStream datagram = new ByteArrayOutputStream();
            while (generated < LINES)
            {
                datagram.reset();
                final int count = 1 + random.nextInt(40);
                for (int i = 0; i < count && generated < LINES; i++, generated++)
                {
                    if (i > 0)
                    {
                        datagram.write('\n');
                    }
                    datagram.writeBytes(line(random));
                }
                if (random.nextInt(4) == 0)
                {
                    datagram.write('\n');
                }
                final byte[] bytes = datagram.toByteArray();
                if (bytes.length > MAX_DATAGRAM + 1)
                {
                    continue; // the listener's receive buffer is max + 1: longer datagrams never reach the ingest
                }
                buffer.putBytes(0, bytes);
                if (bytes.length > MAX_DATAGRAM)
                {
                    oversized++;
                }
                else
                {
                    expectedLines += nonEmptyLines(bytes);
                }
                f.ingest.onDatagram(buffer, 0, bytes.length, f.clock.time());
                if (generated % 50_000 == 0)
                {
                    f.clock.advance(1_000);
                }
            }
            final StatsdCounters counters = f.ingest.counters();
            assertEquals(0, f.ingest.internalErrors(), counters.toString());
            assertEquals(expectedLines, counters.lines(), counters.toString());
            assertEquals(oversized, counters.datagrams(DatagramOutcome.OVERSIZED));
            assertTrue(expectedLines > LINES * 0.9, "most lines fit a datagram: " + expectedLines);
            for (final LineOutcome outcome : LineOutcome.values())
            {
                // auto_register with every catch-all declared: no name stays unmapped
                assertTrue(outcome == LineOutcome.UNMAPPED || counters.lines(outcome) > 0,
                    outcome + " never happened: " + counters);
            }
            f.engine.flush(); // the engine took whatever was published
        }
    }

    /** The rule of StatsdIngest, written out again: split at \n, drop one trailing \r, count the non-empty. */
    private static long nonEmptyLines(final byte[] bytes)
    {
        long lines = 0;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++)
        {
            if (i == bytes.length || bytes[i] == '\n')
            {
                int end = i;
                if (end > start && bytes[end - 1] == '\r')
                {
                    end--;
                }
                if (end > start)
                {
                    lines++;
                }
                start = i + 1;
            }
        }
        return lines;
    }

    private static byte[] line(final SplittableRandom random)
    {
        final int kind = random.nextInt(10);
        if (kind == 0)
        {
            final byte[] noise = new byte[random.nextInt(80)];
            for (int i = 0; i < noise.length; i++)
            {
                noise[i] = (byte)random.nextInt(256);
            }
            return noise;
        }
        byte[] line = CORPUS[random.nextInt(CORPUS.length)].getBytes(StandardCharsets.UTF_8);
        if (kind < 3)
        {
            return line; // valid as it is
        }
        final int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++)
        {
            line = mutate(random, line);
        }
        return line;
    }

    private static byte[] mutate(final SplittableRandom random, final byte[] line)
    {
        if (line.length == 0)
        {
            return new byte[] { ALPHABET[random.nextInt(ALPHABET.length)] };
        }
        final int at = random.nextInt(line.length);
        switch (random.nextInt(6))
        {
            case 0 ->
            {
                final byte[] copy = line.clone();
                copy[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                return copy;
            }
            case 1 ->
            {
                final byte[] copy = new byte[line.length + 1];
                System.arraycopy(line, 0, copy, 0, at);
                copy[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                System.arraycopy(line, at, copy, at + 1, line.length - at);
                return copy;
            }
            case 2 ->
            {
                final int end = Math.min(line.length, at + 1 + random.nextInt(5));
                final byte[] copy = new byte[line.length - (end - at)];
                System.arraycopy(line, 0, copy, 0, at);
                System.arraycopy(line, end, copy, at, line.length - end);
                return copy;
            }
            case 3 ->
            {
                return Arrays.copyOf(line, at);
            }
            case 4 ->
            {
                final byte[] other = CORPUS[random.nextInt(CORPUS.length)].getBytes(StandardCharsets.UTF_8);
                final int from = random.nextInt(other.length);
                final byte[] copy = Arrays.copyOf(line, at + other.length - from);
                System.arraycopy(other, from, copy, at, other.length - from);
                return copy;
            }
            default ->
            {
                final byte[] copy = line.clone();
                copy[at] = (byte)('0' + random.nextInt(10));
                return copy;
            }
        }
    }
}
