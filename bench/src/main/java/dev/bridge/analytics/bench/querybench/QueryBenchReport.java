package dev.bridge.analytics.bench.querybench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link QueryBenchResult}: the text table of {@code analytics query-bench} and its {@code --json}
 * document. Stateless; thread-safe.
 */
public final class QueryBenchReport
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private QueryBenchReport()
    {
    }

    /** @return the text report (several lines). */
    public static String text(final QueryBenchResult r)
    {
        final History h = r.history();
        final StringBuilder out = new StringBuilder();
        line(out, "== Bridge Analytics query bench ==");
        line(out, "Store         %s of simulated history to %s, %,d events/s: %,d events on %d series, built in %.1f s",
            hours(h), Instant.ofEpochMilli(h.endMs()), h.eventsPerSecond(), h.events(), h.plan().size(), h.buildSeconds());
        line(out, "              %s %s; rejected %,d, late %,d; stored totals %s", h.directory(),
            r.storeKept() ? "(kept)" : "(temporary, deleted)", h.rejected(), h.late(),
            r.mismatches().isEmpty() ? "equal to what was published, every series" :
                "DIFFER on " + r.mismatches().size() + " series");
        for (final String m : r.mismatches())
        {
            line(out, "  mismatch    %s", m);
        }
        line(out, "Machine       JDK %s, %d cpus; config %s", r.jdk(), r.cpus(), h.config().source());
        line(out, "Percentiles   %s over last_hour, one call: %s (%,d values, %s mode)", QuerySet.METRIC,
            percentiles(r), r.percentiles().count(), r.percentiles().mode());
        line(out, "");
        line(out, "Timings       %,d calls per query after %,d warm-up calls of every query, back to back, one thread; microseconds",
            r.timings().isEmpty() ? 0 : r.timings().get(0).iterations(), r.warmUp());
        line(out, "  %-60s %10s %10s %10s %10s  %s", "query", "median", "p90", "max", "target", "verdict");
        for (final QueryTiming t : r.timings())
        {
            line(out, "  %-60s %,10.1f %,10.1f %,10.1f %10s  %s", t.name(), t.medianUs(), t.p90Us(), t.maxUs(),
                t.targetUs() == null ? "-" : String.format(Locale.ROOT, "<= %,d", t.targetUs()),
                t.met() == null ? "-" : t.met() ? "met" : "MISSED");
        }
        line(out, "");
        line(out, "%s", r.targetsMet() ? "TARGETS MET" : "TARGETS MISSED: " + String.join(", ", r.timings().stream()
            .filter(t -> Boolean.FALSE.equals(t.met())).map(QueryTiming::name).toList()));
        return out.toString();
    }

    /** @return the JSON document as a tree of maps. */
    public static Map<String, Object> json(final QueryBenchResult r)
    {
        final History h = r.history();
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("hours", (h.endMs() - h.startMs()) / 3_600_000.0);
        json.put("events_per_second", h.eventsPerSecond());
        json.put("events", h.events());
        json.put("series", h.plan().size());
        json.put("start_ms", h.startMs());
        json.put("end_ms", h.endMs());
        json.put("build_s", h.buildSeconds());
        json.put("events_rejected", h.rejected());
        json.put("events_late", h.late());
        json.put("mismatches", r.mismatches());
        json.put("store", h.directory().toString());
        json.put("store_kept", r.storeKept());
        json.put("config", h.config().source());
        json.put("jdk", r.jdk());
        json.put("cpus", r.cpus());
        json.put("warmup", r.warmUp());
        final Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", r.percentiles().count());
        p.put("mode", r.percentiles().mode());
        final Map<String, Object> values = new LinkedHashMap<>();
        r.percentiles().values().forEach((fraction, value) -> values.put(fraction.toString(), value));
        p.put("values", values);
        json.put("percentiles_last_hour", p);
        json.put("queries", r.timings().stream().map(QueryBenchReport::timing).toList());
        json.put("targets_met", r.targetsMet());
        return json;
    }

    /** Writes {@link #json(QueryBenchResult)} to {@code file} (parent directories created). */
    public static void writeJson(final QueryBenchResult result, final Path file) throws IOException
    {
        write(json(result), file);
    }

    /** Writes a JSON tree to {@code file} (parent directories created). */
    static void write(final Object tree, final Path file) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), tree);
    }

    private static Map<String, Object> timing(final QueryTiming t)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("query", t.name());
        json.put("iterations", t.iterations());
        json.put("median_us", t.medianUs());
        json.put("p90_us", t.p90Us());
        json.put("max_us", t.maxUs());
        json.put("target_us", t.targetUs());
        json.put("met", t.met());
        return json;
    }

    private static String percentiles(final QueryBenchResult r)
    {
        final StringBuilder out = new StringBuilder();
        r.percentiles().values().forEach((fraction, value) -> out.append(out.length() == 0 ? "" : ", ")
            .append('p').append(trim(fraction * 100)).append(' ').append(value == null ? "-" : value));
        return out.toString();
    }

    private static String trim(final double percent)
    {
        return percent == Math.rint(percent) ? Long.toString((long)percent) : Double.toString(percent);
    }

    private static String hours(final History h)
    {
        final long seconds = (h.endMs() - h.startMs()) / 1000;
        return seconds % 3600 == 0 ? (seconds / 3600) + " h" : seconds + " s";
    }

    private static void line(final StringBuilder out, final String format, final Object... args)
    {
        out.append(String.format(format, args)).append(System.lineSeparator());
    }
}
