package dev.bridge.analytics.http;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the headless browser the page tests drive is installed: Debian's {@code chromium} ({@code /usr/bin/chromium})
 * and {@code chromium-driver} ({@code /usr/bin/chromedriver}), which .ci/run installs. Missing, a test is skipped with
 * a message naming the packages, unless the environment variable {@value #REQUIRE} is {@code 1} (as in CI): then it
 * fails. Stateless; thread-safe.
 */
final class BrowserAvailability
{
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String REQUIRE = "ANALYTICS_REQUIRE_VALIDATORS";

    private BrowserAvailability()
    {
    }

    /** Skips (or, with {@value #REQUIRE}=1, fails) the calling test when Chromium or its driver is missing. */
    static void require()
    {
        final List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM))
        {
            missing.add(CHROMIUM + " (Debian package chromium)");
        }
        if (!Files.isExecutable(CHROMEDRIVER))
        {
            missing.add(CHROMEDRIVER + " (Debian package chromium-driver)");
        }
        if (missing.isEmpty())
        {
            return;
        }
        final String message = "headless browser missing: " + String.join(", ", missing) +
            "; install with: apt-get install -y --no-install-recommends chromium chromium-driver";
        if ("1".equals(System.getenv(REQUIRE)))
        {
            Assertions.fail(message + " (" + REQUIRE + "=1 makes this a failure)");
        }
        Assumptions.abort(message);
    }
}
