package dev.bridge.analytics.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code dashboard:} section: declared panels, their errors at file:line:column, and the generated default. */
class DashboardConfigTest
{
    private static final String CATALOG = """
        metrics:
          orders: { type: counter, unit: orders, help: Orders., labels: [shop] }
          checkout_ms: { type: histogram, unit: milliseconds, help: Checkout., histogram: { lowest: 1, highest: 60000, significant_digits: 2 } }
          queue_depth: { type: gauge, unit: items, help: Queue. }
          pool_size: { type: gauge, unit: connections, help: Pool., labels: [pool] }
          statsd_counter: { type: counter, unit: events, help: Catch-all., labels: [name] }
        """;

    @Test
    void shouldGenerateOnePanelPerMetricWithoutADashboardSection() throws ConfigException
    {
        final DashboardSettings dashboard = EngineConfig.parse(CATALOG, "x.yaml").dashboard();

        assertTrue(dashboard.generated());
        assertEquals(DashboardSettings.DEFAULT_TITLE, dashboard.title());
        assertEquals(List.of(
            new DashboardPanel("orders", "orders", List.of(new DashboardLine("orders/s", "orders", "rate", Map.of()))),
            new DashboardPanel("checkout_ms", "milliseconds", List.of(
                new DashboardLine("p50", "checkout_ms", "p50", Map.of()),
                new DashboardLine("p95", "checkout_ms", "p95", Map.of()),
                new DashboardLine("p99", "checkout_ms", "p99", Map.of()))),
            new DashboardPanel("queue_depth", "items",
                List.of(new DashboardLine("queue_depth", "queue_depth", "last", Map.of())))),
            dashboard.panels());
    }

    @Test
    void shouldReadTheDeclaredPanelsWithDefaultsForUnitAndLabel() throws ConfigException
    {
        final DashboardSettings dashboard = EngineConfig.parse(CATALOG + """
            dashboard:
              title: Shop
              panels:
                - title: Orders
                  lines:
                    - { metric: orders, aggregation: rate, labels: { shop: berlin } }
                    - { label: all, metric: orders, aggregation: sum }
                - title: Checkout
                  unit: seconds
                  lines: [{ metric: checkout_ms, aggregation: p99.9 }]
            """, "x.yaml").dashboard();

        assertFalse(dashboard.generated());
        assertEquals(new DashboardSettings("Shop", List.of(
            new DashboardPanel("Orders", "orders", List.of(
                new DashboardLine("orders rate {shop=berlin}", "orders", "rate", Map.of("shop", "berlin")),
                new DashboardLine("all", "orders", "sum", Map.of()))),
            new DashboardPanel("Checkout", "seconds",
                List.of(new DashboardLine("checkout_ms p99.9", "checkout_ms", "p99.9", Map.of())))), false),
            dashboard);
    }

    @Test
    void shouldShipTheDspexPanelsInTheBundledConfiguration()
    {
        final DashboardSettings dashboard = EngineConfig.defaults().dashboard();

        assertFalse(dashboard.generated());
        assertEquals("DSPex bridge", dashboard.title());
        assertEquals(List.of("Reads and writes per second", "Read latency", "Write latency",
            "Cache hits and misses per second", "Errors per second", "Cache hit rate and error rate", "Active sessions"),
            dashboard.panels().stream().map(DashboardPanel::title).toList());
        assertEquals("microseconds", dashboard.panels().get(1).unit());
    }

    @Test
    void shouldReadARatioLineOfSummedMetrics() throws ConfigException
    {
        final DashboardSettings dashboard = EngineConfig.parse(CATALOG + """
            dashboard:
              panels:
                - title: Share
                  unit: ratio
                  lines: [{ ratio: { numerator: [orders], denominator: [orders, statsd_counter] } }]
            """, "x.yaml").dashboard();

        assertEquals(new DashboardLine("orders / (orders + statsd_counter)", "orders", DashboardLine.RATIO, Map.of(),
            List.of("orders"), List.of("orders", "statsd_counter")), dashboard.panels().get(0).lines().get(0));
    }

    @Test
    void shouldKeepTheDeclaredPanelsWhenMetricsAreAdded() throws ConfigException
    {
        final EngineConfig config = EngineConfig.parse(CATALOG + """
            dashboard:
              panels: [{ title: Orders, lines: [{ metric: orders, aggregation: rate }] }]
            """, "x.yaml");
        final MetricDefinition extra = new MetricDefinition("more", MetricType.COUNTER, "things", "More.", List.of(), null);

        assertEquals(config.dashboard(), config.withMetricsAdded(List.of(extra)).dashboard());
        assertEquals("more", EngineConfig.parse(CATALOG, "x.yaml").withMetricsAdded(List.of(extra)).dashboard()
            .panels().get(3).title());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        { metric: nope, aggregation: rate }                      | x.yaml:11:21: dashboard.panels[0].lines[0].metric: unknown metric 'nope'; known metrics: orders, checkout_ms, queue_depth, pool_size, statsd_counter
        { metric: orders, aggregation: p99 }                     | x.yaml:11:42: dashboard.panels[0].lines[0].aggregation: percentile 'p99' needs a histogram; 'orders' is a counter
        { metric: orders, aggregation: median }                  | x.yaml:11:42: dashboard.panels[0].lines[0].aggregation: unknown aggregation 'median': use avg, sum, min, max, count, rate, last or pNN with NN in [0, 100] (p50, p99.9)
        { metric: checkout_ms, aggregation: p101 }               | x.yaml:11:47: dashboard.panels[0].lines[0].aggregation: unknown aggregation 'p101': use avg, sum, min, max, count, rate, last or pNN with NN in [0, 100] (p50, p99.9)
        { metric: orders }                                       | x.yaml:11:11: dashboard.panels[0].lines[0]: missing required key 'aggregation' (avg, sum, min, max, count, rate, last or pNN with NN in [0, 100] (p50, p99.9))
        { aggregation: rate }                                    | x.yaml:11:11: dashboard.panels[0].lines[0]: missing required key 'metric' (a metric of the catalog), or 'ratio'
        { metric: orders, aggregation: rate, labels: { x: y } }  | x.yaml:11:58: dashboard.panels[0].lines[0].labels.x: metric 'orders' has no label 'x'; its labels: shop
        { metric: orders, aggregation: rate, colour: red }       | x.yaml:11:48: dashboard.panels[0].lines[0].colour: unknown key 'colour'; allowed keys: label, metric, aggregation, labels, ratio
        { ratio: { numerator: [nope], denominator: [orders] } }   | x.yaml:11:34: dashboard.panels[0].lines[0].ratio.numerator[0]: unknown metric 'nope'; known metrics: orders, checkout_ms, queue_depth, pool_size, statsd_counter
        { metric: orders, ratio: { numerator: [orders], denominator: [orders] } } | x.yaml:11:13: dashboard.panels[0].lines[0].metric: a ratio line takes no metric, aggregation or labels: its metrics are summed per interval
        { ratio: { denominator: [orders] } }                      | x.yaml:11:13: dashboard.panels[0].lines[0].ratio: missing numerator: give at least one metric, e.g. ratio: {numerator: [cache_hit], denominator: [cache_hit, cache_miss]}
        """)
    void shouldPlaceEveryErrorAtFileLineAndField(final String line, final String message)
    {
        final ConfigException e = assertThrows(ConfigException.class, () -> EngineConfig.parse(CATALOG + """
            dashboard:
              panels:
                - title: Orders
                  lines:
                    - %s
            """.formatted(line), "x.yaml"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void shouldRefuseADashboardWithoutPanels()
    {
        final ConfigException e = assertThrows(ConfigException.class,
            () -> EngineConfig.parse(CATALOG + "dashboard:\n  title: Shop\n", "x.yaml"));
        assertEquals("x.yaml:7:1: dashboard: missing panels: give at least one, e.g. panels: [{title: Reads, " +
            "lines: [{metric: variable_read, aggregation: rate}]}], or delete the dashboard section to get one panel " +
            "per metric", e.getMessage());
    }

    @Test
    void shouldRefuseAPanelWithoutLines()
    {
        final ConfigException e = assertThrows(ConfigException.class,
            () -> EngineConfig.parse(CATALOG + "dashboard:\n  panels:\n    - title: Orders\n", "x.yaml"));
        assertEquals("x.yaml:9:7: dashboard.panels[0]: missing lines: give at least one, e.g. lines: " +
            "[{metric: variable_read, aggregation: rate}]", e.getMessage());
    }
}
