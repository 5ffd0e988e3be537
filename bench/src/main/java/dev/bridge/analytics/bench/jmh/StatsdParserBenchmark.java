package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.store.DirectoryTrees;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.ingest.statsd.LineOutcome;
import dev.bridge.analytics.ingest.statsd.StatsdIngest;
import dev.bridge.analytics.ingest.statsd.StatsdLine;
import dev.bridge.analytics.ingest.statsd.StatsdLineParser;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The StatsD listener's per-line cost, in ns per line ({@value #LINES} lines per datagram, the mix of
 * {@code statsd-load}: counters, packed values, timers with a sample rate, tags, a gauge), without the socket:
 * {@code ingest} is the listener's whole path ({@link StatsdIngest#onDatagram}: split, parse, cache hit, publish into
 * the ring of a running engine with the bundled mappings); {@code parseOnly} only splits and parses. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} must be 0 B/op for both.
 * <p>
 * Thread-safety: one benchmark thread; the state is {@code Scope.Thread}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {
    JvmFlags.EXPORT_MISC, JvmFlags.EXPORT_REF, JvmFlags.EXPORT_NIO, JvmFlags.EXPORT_JAVAC,
    JvmFlags.OPEN_LANG, JvmFlags.OPEN_REFLECT, JvmFlags.NO_ANALYTICS, JvmFlags.NO_ANNOUNCER })
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class StatsdParserBenchmark
{
    /** Lines per datagram. */
    static final int LINES = 40;
    private static final String[] TEMPLATES = {
        "dspex.variable.read:1|c", "dspex.read.latency:0.25|ms", "dspex.variable.write:1|c|#env:load",
        "dspex.write.latency:1.5|ms|@0.5", "dspex.cache.hit:1|c", "dspex.errors.read:1|c", "dspex.sessions.active:12|g",
        "variable_read:1:1:1|c" };

    /** The datagram, an engine with the bundled configuration and the listener's ingest over it. */
    @State(Scope.Thread)
    public static class IngestState
    {
        UnsafeBuffer datagram;
        int length;
        int[] lineStarts;
        int[] lineEnds;
        StatsdLine line;
        StatsdIngest ingest;
        private Path directory;
        private AnalyticsEngine engine;

        @Setup(Level.Trial)
        public void setUp() throws IOException
        {
            final List<String> lines = new ArrayList<>();
            for (int i = 0; i < LINES; i++)
            {
                lines.add(TEMPLATES[i % TEMPLATES.length]);
            }
            final byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
            datagram = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
            datagram.putBytes(0, bytes);
            length = bytes.length;
            lineStarts = new int[LINES];
            lineEnds = new int[LINES];
            for (int i = 0, start = 0; i < LINES; i++)
            {
                int end = start;
                while (bytes[end] != '\n')
                {
                    end++;
                }
                lineStarts[i] = start;
                lineEnds[i] = end;
                start = end + 1;
            }
            line = new StatsdLine();
            directory = Files.createTempDirectory("bridge-jmh-statsd-");
            final EngineConfig config = EngineConfig.defaults().withDataDirectory(directory)
                .withEngine(b -> b.resourceSamplingInterval(Duration.ZERO));
            engine = AnalyticsEngine.start(config);
            ingest = new StatsdIngest(engine, config.statsd());
            ingest.onDatagram(datagram, 0, length, System.currentTimeMillis());
            if (ingest.counters().lines(LineOutcome.ACCEPTED) != LINES)
            {
                throw new IllegalStateException("the bundled mappings do not take every line: " + ingest.counters());
            }
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            engine.close();
            DirectoryTrees.delete(directory);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int ingest(final IngestState state)
    {
        return state.ingest.onDatagram(state.datagram, 0, state.length, 1_700_000_000_000L);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parseOnly(final IngestState state, final Blackhole blackhole)
    {
        for (int i = 0; i < LINES; i++)
        {
            blackhole.consume(StatsdLineParser.parse(state.datagram, state.lineStarts[i], state.lineEnds[i], state.line));
        }
    }
}
