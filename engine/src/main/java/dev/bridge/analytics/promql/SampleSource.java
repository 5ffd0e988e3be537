package dev.bridge.analytics.promql;

import java.util.List;

/**
 * Where the evaluator reads series from: the engine's store ({@code StorePromqlSource}) or a test's fixed samples.
 * Implementations say their thread-safety; the evaluator calls {@link #select} once per selector of a query.
 */
public interface SampleSource
{
    /**
     * @return every series whose labels satisfy all {@code matchers}, with its samples whose timestamps lie in
     *         [fromMs, toMs], oldest first (series without such samples may be left out).
     */
    List<SeriesSamples> select(List<LabelMatcher> matchers, long fromMs, long toMs);
}
