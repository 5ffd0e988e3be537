package dev.bridge.analytics.bench;

import dev.bridge.analytics.config.MetricType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the synthetic DSPex bridge workload into a {@link WorkloadTable} from a seeded RNG: operations, each
 * expanding into the events the bridge would record.
 * <ul>
 * <li>reads 66% of operations (~70% of variable operations), writes 25%, deletes 3%, session churn 4%,
 *     optimisation runs 2%;</li>
 * <li>log-normal latencies: read median ~200 us, write ~500 us, gRPC ~800 us; clamped to the histogram range;</li>
 * <li>~90% cache hits on reads; a miss goes to a worker over gRPC and may evict entries;</li>
 * <li>occasional errors: operation_error (read/write/delete/optimize), grpc_error (four status codes),
 *     timeout_error (read/write/optimize, with the latency at the 1 s deadline);</li>
 * <li>optimisation runs: started, then completed (87%, duration and improvement gauge), failed (10%) or timed
 *     out (3%, at the 60 s deadline);</li>
 * <li>sessions created and terminated around a few hundred open, the active_sessions gauge set each time.</li>
 * </ul>
 * Catalog metrics the DSPex model does not know get a generic event on 2% of the operations; DSPex metrics the
 * catalog lacks are skipped. Every series appears at least once per table. Not thread-safe: one instance per
 * table, used by the setup thread.
 */
public final class DspexWorkload
{
    private static final long DEADLINE_US = 1_000_000L;
    private static final long OPTIMIZE_DEADLINE_MS = 60_000L;

    private final SeriesPlan plan;
    private final Random rng;
    private final WorkloadTable table;
    private final int variableRead;
    private final int variableWrite;
    private final int variableDelete;
    private final int cacheHit;
    private final int cacheMiss;
    private final int cacheEviction;
    private final int optimizationStarted;
    private final int optimizationCompleted;
    private final int optimizationFailed;
    private final int sessionCreated;
    private final int sessionTerminated;
    private final int readLatency;
    private final int writeLatency;
    private final int grpcLatency;
    private final int optimizationDuration;
    private final int optimizationImprovement;
    private final int activeSessions;
    private final int readError;
    private final int writeError;
    private final int deleteError;
    private final int optimizeError;
    private final int readTimeout;
    private final int writeTimeout;
    private final int optimizeTimeout;
    private final int[] grpcErrors;
    private final int[] generic;
    private final long[] typicalValue;
    private long active = 200;

    private DspexWorkload(final SeriesPlan plan, final long seed, final int size)
    {
        this.plan = plan;
        this.rng = new Random(seed);
        this.table = new WorkloadTable(size);
        variableRead = plan.indexOf("variable_read");
        variableWrite = plan.indexOf("variable_write");
        variableDelete = plan.indexOf("variable_delete");
        cacheHit = plan.indexOf("cache_hit");
        cacheMiss = plan.indexOf("cache_miss");
        cacheEviction = plan.indexOf("cache_eviction");
        optimizationStarted = plan.indexOf("optimization_started");
        optimizationCompleted = plan.indexOf("optimization_completed");
        optimizationFailed = plan.indexOf("optimization_failed");
        sessionCreated = plan.indexOf("session_created");
        sessionTerminated = plan.indexOf("session_terminated");
        readLatency = plan.indexOf("read_latency_us");
        writeLatency = plan.indexOf("write_latency_us");
        grpcLatency = plan.indexOf("grpc_latency_us");
        optimizationDuration = plan.indexOf("optimization_duration_ms");
        optimizationImprovement = plan.indexOf("optimization_improvement");
        activeSessions = plan.indexOf("active_sessions");
        readError = plan.indexOf("operation_error", "read");
        writeError = plan.indexOf("operation_error", "write");
        deleteError = plan.indexOf("operation_error", "delete");
        optimizeError = plan.indexOf("operation_error", "optimize");
        readTimeout = plan.indexOf("timeout_error", "read");
        writeTimeout = plan.indexOf("timeout_error", "write");
        optimizeTimeout = plan.indexOf("timeout_error", "optimize");
        grpcErrors = SeriesPlan.DSPEX_LABEL_VALUES.get("grpc_error").stream()
            .mapToInt(code -> plan.indexOf("grpc_error", code)).filter(i -> i >= 0).toArray();
        final List<Integer> others = new ArrayList<>();
        for (final PlannedSeries s : plan.series())
        {
            if (!isDspexMetric(s.metric()))
            {
                others.add(s.index());
            }
        }
        generic = others.stream().mapToInt(Integer::intValue).toArray();
        typicalValue = new long[plan.size()];
        for (final PlannedSeries s : plan.series())
        {
            typicalValue[s.index()] = s.type() == MetricType.HISTOGRAM ? Math.min(1000, s.maxValue()) :
                s.type() == MetricType.COUNTER ? 1 : 100;
        }
    }

    /**
     * @param plan the series of the run.
     * @param seed RNG seed (one per producer).
     * @param size events in the table, a power of two.
     * @return a full table.
     */
    public static WorkloadTable generate(final SeriesPlan plan, final long seed, final int size)
    {
        final DspexWorkload workload = new DspexWorkload(plan, seed, size);
        while (!workload.table.isFull())
        {
            workload.operation();
        }
        workload.coverEverySeries();
        return workload.table;
    }

    private void operation()
    {
        final double r = rng.nextDouble();
        if (r < 0.66)
        {
            read();
        }
        else if (r < 0.91)
        {
            write();
        }
        else if (r < 0.94)
        {
            delete();
        }
        else if (r < 0.98)
        {
            session();
        }
        else
        {
            optimisation();
        }
        if (generic.length > 0 && rng.nextDouble() < 0.02)
        {
            genericEvent(generic[rng.nextInt(generic.length)]);
        }
    }

    private void read()
    {
        emit(variableRead, 1);
        long latency;
        if (rng.nextDouble() < 0.90)
        {
            emit(cacheHit, 1);
            latency = logNormal(190, 0.45);
        }
        else
        {
            emit(cacheMiss, 1);
            final long grpc = logNormal(800, 0.6);
            emit(grpcLatency, grpc);
            latency = grpc + logNormal(120, 0.4);
            if (rng.nextDouble() < 0.4)
            {
                emit(cacheEviction, 1 + rng.nextInt(3));
            }
        }
        if (rng.nextDouble() < 0.005)
        {
            emit(readError, 1);
            if (rng.nextDouble() < 0.1)
            {
                emit(readTimeout, 1);
                latency = DEADLINE_US;
            }
        }
        emit(readLatency, latency);
    }

    private void write()
    {
        emit(variableWrite, 1);
        emit(grpcLatency, logNormal(800, 0.6));
        if (rng.nextDouble() < 0.01 && grpcErrors.length > 0)
        {
            emit(grpcErrors[rng.nextInt(grpcErrors.length)], 1);
        }
        long latency = logNormal(500, 0.5);
        if (rng.nextDouble() < 0.01)
        {
            emit(writeError, 1);
            if (rng.nextDouble() < 0.1)
            {
                emit(writeTimeout, 1);
                latency = DEADLINE_US;
            }
        }
        emit(writeLatency, latency);
        if (rng.nextDouble() < 0.05)
        {
            emit(cacheEviction, 1);
        }
    }

    private void delete()
    {
        emit(variableDelete, 1);
        emit(cacheEviction, 1);
        if (rng.nextDouble() < 0.005)
        {
            emit(deleteError, 1);
        }
    }

    private void session()
    {
        if (active < 10 || (active < 400 && rng.nextBoolean()))
        {
            emit(sessionCreated, 1);
            active++;
        }
        else
        {
            emit(sessionTerminated, 1);
            active--;
        }
        emit(activeSessions, active);
    }

    private void optimisation()
    {
        emit(optimizationStarted, 1);
        emit(grpcLatency, logNormal(800, 0.6));
        final double outcome = rng.nextDouble();
        if (outcome < 0.87)
        {
            emit(optimizationCompleted, 1);
            emit(optimizationDuration, logNormal(1500, 0.8));
            emit(optimizationImprovement, Math.round(250 + 300 * rng.nextGaussian()));
        }
        else if (outcome < 0.97)
        {
            emit(optimizationFailed, 1);
            emit(optimizeError, 1);
            emit(optimizationDuration, logNormal(400, 0.8));
        }
        else
        {
            emit(optimizationFailed, 1);
            emit(optimizeTimeout, 1);
            emit(optimizationDuration, OPTIMIZE_DEADLINE_MS);
        }
    }

    private void genericEvent(final int series)
    {
        final PlannedSeries s = plan.get(series);
        switch (s.type())
        {
            case COUNTER -> emit(series, 1);
            case HISTOGRAM -> emit(series, logNormal(Math.sqrt((double)s.maxValue()), 1.0));
            default -> emit(series, rng.nextInt(1000));
        }
    }

    private void coverEverySeries()
    {
        final long[] counts = table.countsPerSeries(plan.size());
        int position = table.size() - 1;
        for (int s = 0; s < counts.length; s++)
        {
            if (counts[s] == 0)
            {
                table.set(position--, s, typicalValue[s]);
            }
        }
    }

    private long logNormal(final double median, final double sigma)
    {
        return Math.round(Math.exp(Math.log(median) + sigma * rng.nextGaussian()));
    }

    private void emit(final int series, final long value)
    {
        if (series < 0)
        {
            return;
        }
        final PlannedSeries s = plan.get(series);
        long v = value;
        if (s.type() != MetricType.GAUGE && v < 0)
        {
            v = 0;
        }
        if (s.type() == MetricType.HISTOGRAM)
        {
            v = Math.min(Math.max(v, 1), s.maxValue());
        }
        table.append(series, v);
    }

    private static boolean isDspexMetric(final String metric)
    {
        return switch (metric)
        {
            case "variable_read", "variable_write", "variable_delete", "cache_hit", "cache_miss", "cache_eviction",
                "optimization_started", "optimization_completed", "optimization_failed", "session_created",
                "session_terminated", "operation_error", "grpc_error", "timeout_error", "read_latency_us",
                "write_latency_us", "grpc_latency_us", "optimization_duration_ms", "optimization_improvement",
                "active_sessions" -> true;
            default -> false;
        };
    }
}
