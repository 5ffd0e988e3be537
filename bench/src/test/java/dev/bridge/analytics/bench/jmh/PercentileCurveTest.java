package dev.bridge.analytics.bench.jmh;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PercentileCurveTest
{
    @Test
    void shouldReadBackTheDistributionAndMetadataOfAnHgrmFile()
    {
        final Histogram histogram = new Histogram(RecordCostSampler.HIGHEST_NS, 3);
        for (int i = 1; i <= 1000; i++)
        {
            histogram.recordValue(i);
        }
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        histogram.outputPercentileDistribution(out, 5, 1.0);
        out.println("#[RecordCost target=ENGINE overheadNs=21 calls=1000 p50=500 p90=900 p99=990 p999=999 p9999=1000 max=1000 mean=500.5]");

        final PercentileCurve curve = PercentileCurve.parse(
            RecordTarget.ENGINE, List.of(text.toString(StandardCharsets.UTF_8).split("\n")));

        assertEquals(0.0, curve.fraction()[0]);
        assertEquals(1.0, curve.valueNs()[0]);
        assertTrue(curve.fraction()[curve.fraction().length - 1] < 1.0);
        assertEquals("21", curve.meta("overheadNs"));
        assertEquals("500.5", curve.meta("mean"));
        final String page = PercentileSvg.page(List.of(curve), "now");
        assertTrue(page.contains("<polyline"), page);
        assertTrue(page.contains("<td>ours: HistogramHandle.record</td><td>1000</td><td>21 ns</td>"), page);
    }
}
