package dev.bridge.analytics.bench.querybench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds a {@link QueryLoop.Result} to the load run's report: one text line, and a {@code query_loop} object in
 * its JSON. Stateless; thread-safe.
 */
public final class QueryLoopReport
{
    private QueryLoopReport()
    {
    }

    /** @return the text line (with its line separator). */
    public static String text(final QueryLoop.Result r)
    {
        return String.format(
            "Query loop    dashboard(LAST_MINUTE) %s beside the producers: %,d queries in %.2f s, us median %,.0f  " +
                "p90 %,.0f  p99 %,.0f  max %,.0f%s%n",
            r.pacing(), r.queries(), r.seconds(), r.medianUs(), r.p90Us(), r.p99Us(), r.maxUs(),
            r.failure() == null ? "" : "   FAILED: " + r.failure());
    }

    /** @return the {@code query_loop} JSON object. */
    public static Map<String, Object> json(final QueryLoop.Result r)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("query", "dashboard(LAST_MINUTE)");
        json.put("interval_ms", r.interval().toMillis());
        json.put("queries", r.queries());
        json.put("seconds", r.seconds());
        json.put("median_us", r.medianUs());
        json.put("p90_us", r.p90Us());
        json.put("p99_us", r.p99Us());
        json.put("max_us", r.maxUs());
        json.put("failure", r.failure());
        return json;
    }

    /** Writes the load run's JSON document with {@code query_loop} added to {@code file}. */
    public static void writeJson(final Map<String, Object> loadRun, final QueryLoop.Result r, final Path file)
        throws IOException
    {
        final Map<String, Object> json = new LinkedHashMap<>(loadRun);
        json.put("query_loop", json(r));
        QueryBenchReport.write(json, file);
    }
}
