package dev.bridge.analytics.query;

import dev.bridge.analytics.config.BaseUnits;
import dev.bridge.analytics.store.SaturatingMath;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cumulative counts of a Prometheus native histogram with a base-2 exponential schema: bucket {@code i} holds the
 * values in {@code (2^((i-1) / 2^schema), 2^(i / 2^schema)]}, values {@code <= 0} go to the zero bucket (threshold
 * 0). Values come from an engine HdrHistogram, each HdrHistogram bucket counted at its highest equivalent value (what
 * HdrHistogram's own percentiles answer), scaled to the base unit.
 * <p>
 * The schema is chosen from HdrHistogram's precision ({@link #schemaFor}): the finest schema whose buckets are at least
 * as wide, relatively, as HdrHistogram's resolution, so a native bucket never splits what HdrHistogram kept together.
 * A quantile read from the native histogram is then within one native bucket of HdrHistogram's: relative error at
 * most {@code 2^(2^-schema) - 1} (0.27% at schema 8, for 3 significant digits) on top of HdrHistogram's own
 * {@code 10^-digits}.
 * <p>
 * Used by remote write (running totals) and the protobuf scrape ({@link PrometheusSnapshots}). Not thread-safe: one
 * owner thread.
 */
public final class NativeBuckets
{
    /** The finest schema Prometheus accepts. */
    public static final int MAX_SCHEMA = 8;
    /** The coarsest schema Prometheus accepts. */
    public static final int MIN_SCHEMA = -4;

    private final int schema;
    private final TreeMap<Integer, Long> counts = new TreeMap<>();
    private long zeroCount;

    public NativeBuckets(final int schema)
    {
        if (schema < MIN_SCHEMA || schema > MAX_SCHEMA)
        {
            throw new IllegalArgumentException("schema must be in " + MIN_SCHEMA + ".." + MAX_SCHEMA + ", was " + schema);
        }
        this.schema = schema;
    }

    /**
     * @return the finest schema in -4..8 whose relative bucket width {@code 2^(2^-schema) - 1} is at least
     *         HdrHistogram's relative resolution {@code 10^-significantDigits}: 2 for 1 digit, 6 for 2, 8 for 3-5.
     */
    public static int schemaFor(final int significantDigits)
    {
        final double resolution = Math.pow(10, -significantDigits);
        for (int s = MAX_SCHEMA; s > MIN_SCHEMA; s--)
        {
            if (Math.pow(2, Math.pow(2, -s)) - 1 >= resolution)
            {
                return s;
            }
        }
        return MIN_SCHEMA;
    }

    /** @return the index of the bucket holding {@code value} (> 0) at {@code schema}. */
    public static int index(final double value, final int schema)
    {
        final int index = (int)Math.ceil(Math.log(value) / Math.log(2) * Math.scalb(1.0, schema));
        // correct a rounding error at the bucket's edges: bucket i holds (bound(i-1), bound(i)]
        if (value > upperBound(index, schema))
        {
            return index + 1;
        }
        if (value <= upperBound(index - 1, schema))
        {
            return index - 1;
        }
        return index;
    }

    /** @return the upper bound of bucket {@code index} at {@code schema}: {@code 2^(index / 2^schema)}. */
    public static double upperBound(final int index, final int schema)
    {
        return Math.pow(2, Math.scalb((double)index, -schema));
    }

    /**
     * Adds every value of {@code histogram} ({@code metric unit}) scaled by {@code toBaseUnit}. HdrHistogram iterates
     * its values in ascending order, so a bucket's index and bound are computed once per native bucket (not once
     * per HdrHistogram bucket; the next bucket's bound is tried before a logarithm) and each native bucket is added
     * to once.
     */
    public void add(final Histogram histogram, final double toBaseUnit)
    {
        int index = 0;
        double upper = Double.NEGATIVE_INFINITY;
        long pending = 0;
        for (final HistogramIterationValue v : histogram.recordedValues())
        {
            final double value = BaseUnits.scale(v.getValueIteratedTo(), toBaseUnit);
            final long count = v.getCountAtValueIteratedTo();
            if (value <= 0)
            {
                zeroCount = SaturatingMath.add(zeroCount, count);
                continue;
            }
            if (value > upper)
            {
                if (pending != 0)
                {
                    counts.merge(index, pending, SaturatingMath::add);
                }
                final double next = upper == Double.NEGATIVE_INFINITY ? upper : upperBound(index + 1, schema);
                if (value <= next)
                {
                    index++; // dense data: the next bucket, without a logarithm
                    upper = next;
                }
                else
                {
                    index = index(value, schema);
                    upper = upperBound(index, schema);
                }
                pending = 0;
            }
            pending = SaturatingMath.add(pending, count);
        }
        if (pending != 0)
        {
            counts.merge(index, pending, SaturatingMath::add);
        }
    }

    /** Adds {@code count} values to the bucket {@code index} (restoring persisted counts). */
    public void addToBucket(final int index, final long count)
    {
        counts.merge(index, count, SaturatingMath::add);
    }

    /** Adds {@code count} values to the zero bucket (restoring persisted counts). */
    public void addZero(final long count)
    {
        zeroCount = SaturatingMath.add(zeroCount, count);
    }

    public int schema()
    {
        return schema;
    }

    public long zeroCount()
    {
        return zeroCount;
    }

    /** @return bucket index -> cumulative count, ascending; a view, valid until the next add. */
    public Map<Integer, Long> buckets()
    {
        return Collections.unmodifiableMap(counts);
    }

    /** @return a copy with the same counts. */
    public NativeBuckets copy()
    {
        final NativeBuckets copy = new NativeBuckets(schema);
        copy.counts.putAll(counts);
        copy.zeroCount = zeroCount;
        return copy;
    }
}
