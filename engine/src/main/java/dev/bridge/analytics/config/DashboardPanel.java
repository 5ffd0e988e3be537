package dev.bridge.analytics.config;

import java.util.List;
import java.util.Objects;

/**
 * One chart of the dashboard page with its tiles (one tile per line). Immutable, thread-safe.
 *
 * @param title the chart's title.
 * @param unit  the unit of every line's values (the page scales it: microseconds to ms and s, bytes to MB); for a
 *              rate, the unit of the counted thing per second.
 * @param lines at least one line.
 */
public record DashboardPanel(String title, String unit, List<DashboardLine> lines)
{
    public DashboardPanel
    {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(unit, "unit");
        lines = List.copyOf(lines);
        if (lines.isEmpty())
        {
            throw new IllegalArgumentException("a panel needs at least one line");
        }
    }
}
