package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Threads;

/**
 * What the benchmarks over large catalogs ({@link ScaleBenchmark}, {@link HistogramCommitBenchmark}) share: average
 * time, one measuring thread, two forks with the engine's JVM flags and a 4 GB heap (10,000 series and Micrometer's
 * registry beside them). JMH reads these class annotations from the superclass; each subclass sets its own unit,
 * warm-up and measurement. Stateless.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 2, jvmArgsAppend = {
    JvmFlags.EXPORT_MISC, JvmFlags.EXPORT_REF, JvmFlags.EXPORT_NIO, JvmFlags.EXPORT_JAVAC,
    JvmFlags.OPEN_LANG, JvmFlags.OPEN_REFLECT, JvmFlags.NO_ANALYTICS, JvmFlags.NO_ANNOUNCER, "-Xmx4g" })
@Threads(1)
public abstract class LargeCatalogBenchmark
{
}
