package dev.bridge.analytics.bench;

/**
 * Where a load run's producers record: the engine's handles ({@link SeriesHandles}) or the Prometheus peer's data
 * points ({@link PrometheusPeerSeries}), both resolved once per series of a {@link SeriesPlan} at setup, so that a
 * {@link ProducerTask} runs the same loop against either.
 * <p>
 * Thread-safety: implementations say how many threads may call {@link #publish(int, long)} at once.
 */
public interface SeriesRecorder
{
    /** Records {@code value} on series {@code seriesIndex}: add for counters, record for histograms, set for gauges. */
    void publish(int seriesIndex, long value);
}
