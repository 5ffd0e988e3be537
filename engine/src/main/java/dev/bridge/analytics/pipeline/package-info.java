/**
 * The recording pipeline: from a handle's call to the store.
 * <pre>
 * producer threads                          consumer thread(s): ConsumerAgent (a pass over every ring)
 *  counter.increment(): own CounterBlock      ConsumerHandler (single_thread: one handler runs all three stages)
 *  handle.record(v) / gauge.set(v)              per ring, EventPoller.poll (&lt;= 1024 events): one clock read
 *    EventPublisher: the thread's own ring        onEvent: ClassifyStage -&gt; BucketLevels -&gt; HistogramLevels
 *    (ProducerRings: SP ring per thread,          after a pass / idle tick: CounterFolder, sampling, commit if due
 *     &lt;= max_producer_threads, else shared MP)                 |
 *         v                                                     | commit: every commit_interval, on flush, on close
 *  RingBuffer&lt;MetricEvent&gt; {seriesId, flags, value, timestampMs, order}
 *    preallocated, power of two, one per recording thread       v
 *                                             Chronicle Map store (raw buckets, rollups, running totals)
 * </pre>
 * <b>The producer contract.</b> A handle may be used from any number of threads. A counter call writes the calling
 * thread's own cells ({@link dev.bridge.analytics.pipeline.CounterCells}): no ring, never waits, never dropped. A
 * histogram value or gauge set claims a slot of the calling thread's own single-producer ring
 * ({@link dev.bridge.analytics.pipeline.ProducerRings}; threads beyond {@code engine.max_producer_threads} share one
 * multi-producer ring), writes it and publishes it: no allocation and no lock. When that ring is full,
 * {@code engine.overflow_policy} decides: {@code block} (the default) makes the call <b>wait</b> until the consumer
 * frees a slot, so nothing is lost; {@code drop} never waits and counts the event in {@code engine_events_dropped}.
 * The consumer never publishes into a ring (its own gauges are recorded directly), so it never waits on itself.
 * <p>
 * <b>Time.</b> Events carry no time from the producer: the consumer stamps each ring's events with a clock read
 * after it read that ring's cursor, and folds counter cells at a clock read after it read the cells, so nothing is
 * stamped before it was recorded (at most one {@code tick_interval} after; {@code recordAt}-style calls carry their
 * own time).
 * <p>
 * <b>Stages</b> are single-writer: each runs on exactly one consumer thread and owns its arrays; queries never read
 * them, only what a commit wrote to the store. See docs/architecture.md for the decisions behind this shape.
 */
package dev.bridge.analytics.pipeline;
