package dev.bridge.analytics.bench.statsdload;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The datagram every sender of {@code statsd-load} sends, over and over: {@code linesPerDatagram} lines cycling
 * through {@link #TEMPLATES} (names the bundled mapping rules map: counters, packed values, timers with a sample
 * rate, tags, a gauge), newline-separated as the DogStatsD client sends them. Every datagram is the same, so what a
 * number of datagrams adds to the engine is known exactly. Immutable after construction; thread-safe.
 */
final class LoadDatagrams
{
    /** Lines the load cycles through; with the bundled mappings each is accepted. */
    static final String[] TEMPLATES = {
        "dspex.variable.read:1|c",
        "dspex.read.latency:0.25|ms",
        "dspex.variable.write:1|c|#env:load",
        "dspex.write.latency:1.5|ms|@0.5",
        "dspex.cache.hit:1|c",
        "dspex.errors.read:1|c",
        "dspex.sessions.active:12|g",
        "variable_read:1:1:1|c" };

    private final byte[] payload;
    private final int lines;
    private final long readsPerDatagram;
    private final long readLatencyValuesPerDatagram;

    LoadDatagrams(final int linesPerDatagram)
    {
        final List<String> chosen = new ArrayList<>();
        long reads = 0;
        long latencies = 0;
        for (int i = 0; i < linesPerDatagram; i++)
        {
            final String line = TEMPLATES[i % TEMPLATES.length];
            chosen.add(line);
            if (line.startsWith("dspex.variable.read:"))
            {
                reads += 1;
            }
            else if (line.startsWith("variable_read:"))
            {
                reads += 3;
            }
            else if (line.startsWith("dspex.read.latency:"))
            {
                latencies += 1;
            }
        }
        this.payload = (String.join("\n", chosen) + "\n").getBytes(StandardCharsets.UTF_8);
        this.lines = linesPerDatagram;
        this.readsPerDatagram = reads;
        this.readLatencyValuesPerDatagram = latencies;
    }

    /** @return a direct buffer holding the datagram (one per sender). */
    ByteBuffer newBuffer()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(payload.length);
        buffer.put(payload).flip();
        return buffer;
    }

    /** @return lines per datagram. */
    int lines()
    {
        return lines;
    }

    /** @return bytes per datagram. */
    int bytes()
    {
        return payload.length;
    }

    /** @return what one datagram adds to {@code variable_read}'s total. */
    long readsPerDatagram()
    {
        return readsPerDatagram;
    }

    /** @return values one datagram records into {@code read_latency_us}. */
    long readLatencyValuesPerDatagram()
    {
        return readLatencyValuesPerDatagram;
    }
}
