package dev.bridge.analytics.remote;

import com.sun.net.httpserver.HttpServer;
import dev.bridge.analytics.remote.prompb.Remote.WriteRequest;
import dev.bridge.analytics.remote.prompb.Types.Label;
import dev.bridge.analytics.remote.prompb.Types.TimeSeries;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A remote-write receiver on 127.0.0.1 for tests: decodes every request (snappy, then protobuf), keeps it with its
 * headers, and answers with the scripted statuses ({@link #answer}), then 204. Thread-safe (synchronized).
 */
final class FakeReceiver implements AutoCloseable
{
    /** One request as received. */
    record Received(Map<String, String> headers, WriteRequest request, int answeredStatus)
    {
    }

    private final HttpServer server;
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();

    FakeReceiver() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/write", exchange ->
        {
            final byte[] body = exchange.getRequestBody().readAllBytes();
            final WriteRequest request = WriteRequest.parseFrom(Snappy.uncompress(body));
            final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            final int status;
            synchronized (this)
            {
                status = script.isEmpty() ? 204 : script.poll();
                received.add(new Received(headers, request, status));
            }
            final byte[] answer = status == 204 ? new byte[0] : ("status " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** The next requests are answered with {@code statuses}, in order. */
    synchronized void answer(final Integer... statuses)
    {
        script.addAll(List.of(statuses));
    }

    synchronized List<Received> received()
    {
        return List.copyOf(received);
    }

    /** @return the requests answered 2xx, in order. */
    synchronized List<WriteRequest> accepted()
    {
        return received.stream().filter(r -> r.answeredStatus() / 100 == 2).map(Received::request).toList();
    }

    URI url()
    {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/write");
    }

    /** @return {@code name{label="value",...}} of a series, labels sorted as sent. */
    static String name(final TimeSeries series)
    {
        final StringBuilder text = new StringBuilder();
        final List<String> labels = new ArrayList<>();
        for (final Label label : series.getLabelsList())
        {
            if (label.getName().equals("__name__"))
            {
                text.append(label.getValue());
            }
            else
            {
                labels.add(label.getName() + "=\"" + label.getValue() + "\"");
            }
        }
        return text.append('{').append(String.join(",", labels)).append('}').toString();
    }

    /**
     * @return every sample of {@code request} as a line {@code name{labels} value @ms}, every native histogram as
     *         {@code name{labels} histogram count=.. sum=.. schema=.. zero=.. spans=[offset:length ..]
     *         deltas=[..] @ms}, in the order sent.
     */
    static String text(final WriteRequest request)
    {
        final StringBuilder text = new StringBuilder();
        for (final TimeSeries series : request.getTimeseriesList())
        {
            final String name = name(series);
            series.getSamplesList().forEach(s ->
                text.append(name).append(' ').append(s.getValue()).append(" @").append(s.getTimestamp()).append('\n'));
            series.getHistogramsList().forEach(h ->
            {
                text.append(name).append(" histogram count=").append(h.getCountInt()).append(" sum=").append(h.getSum())
                    .append(" schema=").append(h.getSchema()).append(" zero=").append(h.getZeroCountInt())
                    .append(" threshold=").append(h.getZeroThreshold()).append(" spans=[");
                h.getPositiveSpansList().forEach(span -> text.append(span.getOffset()).append(':').append(span.getLength()).append(' '));
                text.append("] deltas=").append(h.getPositiveDeltasList()).append(" @").append(h.getTimestamp()).append('\n');
            });
        }
        return text.toString();
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
