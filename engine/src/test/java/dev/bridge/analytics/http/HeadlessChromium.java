package dev.bridge.analytics.http;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

/**
 * Debian's headless Chromium driven by Selenium through {@code /usr/bin/chromedriver}: the driver's path is given to
 * the service, so Selenium Manager is never run (it would look for drivers on the network). One browser with a fresh
 * profile directory; its console is captured at every level. Call {@link BrowserAvailability#require()} first.
 * Not thread-safe: one test thread.
 */
final class HeadlessChromium implements AutoCloseable
{
    static final Duration DEADLINE = Duration.ofSeconds(45);

    private final ChromeDriver driver;

    HeadlessChromium(final Path profile) throws IOException
    {
        System.setProperty("webdriver.chrome.driver", BrowserAvailability.CHROMEDRIVER.toString());
        Files.createDirectories(profile);
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(BrowserAvailability.CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1400,1300");
        final LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(BrowserAvailability.CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        driver = new ChromeDriver(service, options);
    }

    void open(final String url)
    {
        driver.get(url);
    }

    String currentUrl()
    {
        return driver.getCurrentUrl();
    }

    /** @return the value of {@code script} (a function body: {@code return ...;}) in the page. */
    Object script(final String script)
    {
        return ((JavascriptExecutor)driver).executeScript(script);
    }

    /** Polls {@code condition} (a script returning a boolean) until it is true; fails after {@link #DEADLINE}. */
    void await(final String description, final String condition)
    {
        new WebDriverWait(driver, DEADLINE, Duration.ofMillis(100))
            .withMessage(() -> description + "; errors in the page: " + script("return window.analyticsErrors;") +
                "; banner: " + script("var b = document.getElementById('error-banner'); return b ? b.textContent : null;"))
            .until(d -> Boolean.TRUE.equals(script(condition)));
    }

    /** @return the console entries since the last call. */
    List<LogEntry> console()
    {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    void screenshot(final Path file) throws IOException
    {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close()
    {
        driver.quit();
    }
}
