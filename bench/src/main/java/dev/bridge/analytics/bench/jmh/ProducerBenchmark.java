package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The JMH options shared by the producer-side benchmarks (counter increment, gauge set, histogram record at 1, 2
 * and 4 threads on one series and 2 threads on two series): average ns per call, 2 forks with the engine's JVM
 * flags, 3 warm-up and 3 measured iterations of 1 s, the options of {@code bench/run.sh matrix} (about 15 s per
 * benchmark; ring-based rows need several forks to be ranked, see shared/dependencies.md). JMH reads these class
 * annotations from the superclasses of a benchmark class; each subclass sets its own {@code @Threads}. Abstract, so
 * JMH generates no benchmark for it.
 * <p>
 * Thread-safety: no state; see the {@code @State} classes each benchmark takes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {
    JvmFlags.EXPORT_MISC, JvmFlags.EXPORT_REF, JvmFlags.EXPORT_NIO, JvmFlags.EXPORT_JAVAC,
    JvmFlags.OPEN_LANG, JvmFlags.OPEN_REFLECT, JvmFlags.NO_ANALYTICS, JvmFlags.NO_ANNOUNCER })
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public abstract class ProducerBenchmark
{
}
