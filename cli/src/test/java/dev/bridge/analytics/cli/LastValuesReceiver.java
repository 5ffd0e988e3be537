package dev.bridge.analytics.cli;

import com.sun.net.httpserver.HttpServer;
import dev.bridge.analytics.remote.prompb.Remote.WriteRequest;
import dev.bridge.analytics.remote.prompb.Types.Label;
import dev.bridge.analytics.remote.prompb.Types.TimeSeries;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remote-write receiver on 127.0.0.1 for the command tests: decodes each request (snappy, protobuf), keeps the last
 * float value of every series as {@code name{label=value,...}} and answers 204. Thread-safe.
 */
public final class LastValuesReceiver implements AutoCloseable
{
    private final HttpServer server;
    private final Map<String, Double> lastValues = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    public LastValuesReceiver() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/write", exchange ->
        {
            final WriteRequest request = WriteRequest.parseFrom(Snappy.uncompress(exchange.getRequestBody().readAllBytes()));
            for (final TimeSeries series : request.getTimeseriesList())
            {
                if (series.getSamplesCount() > 0)
                {
                    lastValues.put(name(series), series.getSamples(series.getSamplesCount() - 1).getValue());
                }
            }
            requests.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    public String url()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/write";
    }

    /** @return series name with labels -> last value received. */
    public Map<String, Double> lastValues()
    {
        return lastValues;
    }

    public int requests()
    {
        return requests.get();
    }

    private static String name(final TimeSeries series)
    {
        String name = "";
        final StringBuilder labels = new StringBuilder();
        for (final Label label : series.getLabelsList())
        {
            if (label.getName().equals("__name__"))
            {
                name = label.getValue();
            }
            else
            {
                labels.append(labels.length() == 0 ? "" : ",").append(label.getName()).append('=').append(label.getValue());
            }
        }
        return name + "{" + labels + "}";
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
