package dev.bridge.analytics.bench.jmh;

import java.util.List;
import java.util.Locale;

/**
 * Renders {@link PercentileCurve}s as a self-contained HTML page: an inline SVG percentile plot (x: percentile on
 * HdrHistogram's log scale of 1/(1-p), 0% .. 99.999%; y: ns per call, log scale) and a percentile table. No
 * script, no external resource. Stateless, thread-safe.
 */
final class PercentileSvg
{
    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final int LEFT = 80;
    private static final int RIGHT = 300;
    private static final int TOP = 30;
    private static final int BOTTOM = 60;
    private static final double X_DECADES = 5.0;
    private static final String[] COLOURS = {
        "#d62728", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#7f7f7f" };
    private static final String[] X_LABELS = { "0%", "90%", "99%", "99.9%", "99.99%", "99.999%" };

    private PercentileSvg()
    {
    }

    /** @return the HTML page. */
    static String page(final List<PercentileCurve> curves, final String generatedAt)
    {
        double maxNs = 10;
        for (final PercentileCurve c : curves)
        {
            for (int i = 0; i < c.valueNs().length; i++)
            {
                if (x(c.fraction()[i]) <= X_DECADES)
                {
                    maxNs = Math.max(maxNs, c.valueNs()[i]);
                }
            }
        }
        final int yDecades = (int)Math.ceil(Math.log10(maxNs));
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" " +
                "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int d = 0; d <= X_DECADES; d++)
        {
            final double px = px(d);
            svg.append(line(px, TOP, px, HEIGHT - BOTTOM, "#ddd"))
                .append(text(px, HEIGHT - BOTTOM + 18, "middle", X_LABELS[d]));
        }
        for (int d = 0; d <= yDecades; d++)
        {
            final double py = py(d, yDecades);
            svg.append(line(LEFT, py, WIDTH - RIGHT, py, "#ddd"))
                .append(text(LEFT - 6, py + 4, "end", nsLabel(d)));
        }
        svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 15, "middle", "percentile of single calls"));
        svg.append(String.format(Locale.ROOT,
            "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">ns per call " +
                "(timer overhead subtracted)</text>%n", (TOP + HEIGHT - BOTTOM) / 2.0, (TOP + HEIGHT - BOTTOM) / 2.0));
        for (int k = 0; k < curves.size(); k++)
        {
            final PercentileCurve c = curves.get(k);
            final String colour = COLOURS[k % COLOURS.length];
            final StringBuilder points = new StringBuilder();
            for (int i = 0; i < c.valueNs().length; i++)
            {
                final double x = x(c.fraction()[i]);
                if (x <= X_DECADES)
                {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                        px(x), py(Math.log10(Math.max(1.0, c.valueNs()[i])), yDecades)));
                }
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"")
                .append(points.toString().strip()).append("\"/>\n");
            final double ly = TOP + 10 + 20 * k;
            svg.append(line(WIDTH - RIGHT + 15, ly, WIDTH - RIGHT + 40, ly, colour)
                    .replace("stroke-width=\"1\"", "stroke-width=\"3\""))
                .append(text(WIDTH - RIGHT + 46, ly + 4, "start", c.target().label()));
        }
        svg.append("</svg>\n");

        final StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<title>Bridge Analytics: record cost per call</title>\n")
            .append("<style>body{font-family:sans-serif;margin:2em;max-width:1000px}")
            .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
            .append("td:first-child,th:first-child{text-align:left}</style>\n</head>\n<body>\n")
            .append("<h1>Histogram record: cost of single calls, ours vs peers</h1>\n")
            .append("<p>One producer thread; each call timed with <code>System.nanoTime()</code> before and after, ")
            .append("minus the median cost of a back-to-back nanoTime pair; same log-normal values (median 200 us) ")
            .append("for all. One JVM per implementation; ours runs with its consumer thread. Calls cheaper than the ")
            .append("timer's resolution show as 0-10 ns. For ours and the raw ring, a call that finds the ring full ")
            .append("waits for the consumer (overflow policy block): the median is one publish, the tail and the mean ")
            .append("include those waits whenever the calls come faster than the consumer aggregates. Generated ")
            .append(generatedAt).append(" (UTC).</p>\n")
            .append(svg)
            .append("<table>\n<tr><th>implementation</th><th>calls</th><th>timer overhead</th><th>mean</th><th>p50</th>")
            .append("<th>p90</th><th>p99</th><th>p99.9</th><th>p99.99</th><th>max</th></tr>\n");
        for (final PercentileCurve c : curves)
        {
            html.append("<tr><td>").append(escape(c.target().label())).append("</td><td>").append(c.meta("calls"))
                .append("</td><td>").append(c.meta("overheadNs")).append(" ns</td><td>").append(c.meta("mean"))
                .append("</td><td>").append(c.meta("p50")).append("</td><td>").append(c.meta("p90"))
                .append("</td><td>").append(c.meta("p99")).append("</td><td>").append(c.meta("p999"))
                .append("</td><td>").append(c.meta("p9999")).append("</td><td>").append(c.meta("max"))
                .append("</td></tr>\n");
        }
        html.append("</table>\n<p>All figures in ns. Percentile distributions: <code>record-cost-*.hgrm</code>.</p>\n")
            .append("</body>\n</html>\n");
        return html.toString();
    }

    /** @return HdrHistogram's x: log10(1 / (1 - fraction)). */
    private static double x(final double fraction)
    {
        return Math.log10(1.0 / (1.0 - fraction));
    }

    private static double px(final double x)
    {
        return LEFT + (WIDTH - LEFT - RIGHT) * x / X_DECADES;
    }

    private static double py(final double log10Ns, final int yDecades)
    {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * log10Ns / yDecades;
    }

    private static String nsLabel(final int decade)
    {
        final String[] units = { "ns", "us", "ms", "s" };
        final int unit = Math.min(decade / 3, units.length - 1);
        return (long)Math.pow(10, decade - 3 * unit) + " " + units[unit];
    }

    private static String line(final double x1, final double y1, final double x2, final double y2, final String colour)
    {
        return String.format(Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>%n",
            x1, y1, x2, y2, colour);
    }

    private static String text(final double x, final double y, final String anchor, final String content)
    {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n",
            x, y, anchor, escape(content));
    }

    private static String escape(final String s)
    {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
