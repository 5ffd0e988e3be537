package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The query command reads a store while an engine of the same JVM holds it open and keeps writing. */
class QueryWhileWritingTest
{
    @TempDir
    Path dir;

    @Test
    void shouldSeeEveryFlushOfAnEngineStillWritingTheStore()
    {
        final long b = QueryStore.startMs();
        final AtomicLong clock = new AtomicLong(b);
        try (AnalyticsEngine engine = AnalyticsEngine.start(QueryStore.config(dir), clock::get))
        {
            QueryStore.write(engine, clock, b);
            assertEquals("{\"count\":2,\"sum\":150,\"mean\":75.0,\"min\":50,\"max\":100,\"stddev\":25.0,\"last\":50}",
                readsOverAll());

            clock.set(b + 20_000);
            engine.counter("variable_read").add(30);
            engine.counter("variable_write").add(7);
            engine.flush();

            assertEquals("{\"count\":3,\"sum\":180,\"mean\":60.0,\"min\":30,\"max\":100,\"stddev\":" +
                Math.sqrt(13_400 / 3.0 - 3600.0) + ",\"last\":30}", readsOverAll());
            final CommandRun writes = CommandRun.of("query", "stats", "--store", dir.toString(), "--metric",
                "variable_write", "--range", "all", "--json");
            assertEquals("{\"count\":1,\"sum\":7,\"mean\":7.0,\"min\":7,\"max\":7,\"stddev\":0.0,\"last\":7}",
                writes.line(), writes.toString());
        }
    }

    private String readsOverAll()
    {
        final CommandRun run = CommandRun.of("query", "stats", "--store", dir.toString(), "--metric", "variable_read",
            "--range", "all", "--json");
        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        return run.line();
    }
}
