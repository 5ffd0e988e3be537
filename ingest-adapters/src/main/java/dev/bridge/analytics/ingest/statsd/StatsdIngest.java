package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.StatsdListenerSettings;
import dev.bridge.analytics.logging.DistinctLog;
import org.agrona.DirectBuffer;
import org.slf4j.LoggerFactory;

/**
 * The listener's work on one datagram, without the socket: split it into lines (at {@code \n}, a trailing one or
 * not, a {@code \r} before it dropped, empty lines ignored), parse each ({@link StatsdLineParser}), find its target
 * in the {@link NameCache} (resolving it on a miss, {@link TargetResolver}) and publish its values through the
 * target's handle. Every non-empty line gets one {@link LineOutcome}; a malformed line never stops the rest of the
 * datagram. Once a key is cached, a line costs no allocation: the parse reads the buffer in place, the cache hit reads
 * primitive arrays, the handles publish into the ring.
 * <p>
 * Not thread-safe: one receiving thread (the {@link StatsdListener}'s, or a test's or benchmark's) owns it. Nothing
 * is thrown to the caller for any datagram content.
 */
public final class StatsdIngest
{
    private final int maxDatagramBytes;
    private final StatsdLine line = new StatsdLine();
    private final NameCache cache;
    private final TargetResolver resolver;
    private final StatsdCounters counters = new StatsdCounters();
    private final DistinctLog log = new DistinctLog(LoggerFactory.getLogger("dev.bridge.analytics.ingest"));
    private volatile long internalErrors;

    /**
     * @param engine   the engine whose catalog and handles the lines record into (any thread may record).
     * @param settings mappings, unmapped policy, cache size, largest datagram.
     */
    public StatsdIngest(final AnalyticsEngine engine, final StatsdListenerSettings settings)
    {
        this.maxDatagramBytes = settings.maxDatagramBytes();
        this.cache = new NameCache(settings.nameCacheEntries());
        this.resolver = new TargetResolver(engine, settings, log);
    }

    /**
     * Reads one datagram.
     *
     * @param buffer holds the datagram at {@code [offset, offset + length)}; a receiver whose buffer is one byte larger
     *               than {@code max_datagram_bytes} passes a cut-off datagram with that length, so it counts as
     *               oversized.
     * @param nowMs  the caller's clock (set windows), read once per datagram or batch.
     * @return the number of non-empty lines read; 0 for an oversized datagram (counted, not read).
     */
    public int onDatagram(final DirectBuffer buffer, final int offset, final int length, final long nowMs)
    {
        if (length > maxDatagramBytes)
        {
            counters.onDatagram(DatagramOutcome.OVERSIZED);
            return 0;
        }
        counters.onDatagram(DatagramOutcome.PROCESSED);
        final int end = offset + length;
        int lines = 0;
        int start = offset;
        while (start < end)
        {
            int newline = start;
            while (newline < end && buffer.getByte(newline) != '\n')
            {
                newline++;
            }
            int lineEnd = newline;
            if (lineEnd > start && buffer.getByte(lineEnd - 1) == '\r')
            {
                lineEnd--;
            }
            if (lineEnd > start)
            {
                counters.onLine(onLine(buffer, start, lineEnd, nowMs));
                lines++;
            }
            start = newline + 1;
        }
        return lines;
    }

    /** @return the counts so far (readable from any thread). */
    public StatsdCounters counters()
    {
        return counters;
    }

    /**
     * @return exceptions caught while reading a line (a bug, not bad input: content problems are outcomes); each such
     *         line is counted as rejected and the error logged once.
     */
    public long internalErrors()
    {
        return internalErrors;
    }

    /** @return distinct keys resolved and cached so far. */
    public int cachedKeys()
    {
        return cache.size();
    }

    private LineOutcome onLine(final DirectBuffer buffer, final int start, final int end, final long nowMs)
    {
        try
        {
            switch (StatsdLineParser.parse(buffer, start, end, line))
            {
                case StatsdLineParser.METRIC:
                    break;
                case StatsdLineParser.EVENT:
                    return LineOutcome.EVENT;
                case StatsdLineParser.SERVICE_CHECK:
                    return LineOutcome.SERVICE_CHECK;
                default:
                    return LineOutcome.MALFORMED;
            }
            final long hash = NameCache.hash(line);
            StatsdTarget target = cache.get(line, hash);
            if (target == null)
            {
                target = resolver.resolve(line);
                if (!cache.put(line, hash, target))
                {
                    log.warnOnce("statsd: the name cache is full (" + cache.maxEntries() + " keys, " +
                        "statsd.name_cache_entries): further new keys are resolved on every line");
                }
            }
            return target.onLine(line, nowMs);
        }
        catch (final RuntimeException ex)
        {
            // a bug, not a content problem: counted as rejected, logged once, the datagram goes on
            internalErrors++; // one writer
            log.warnOnce("statsd: error on a line: " + ex);
            return LineOutcome.REJECTED;
        }
    }
}
