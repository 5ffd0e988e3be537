package dev.bridge.analytics.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard page's files: a fixed map from request path to classpath resource, so no request path is ever turned
 * into a resource name ({@code ..}, encoded slashes or absolute paths cannot reach anything else: they are simply not
 * in the map, a 404). The page, its script and style are this package's resources; uPlot comes from the
 * {@code org.webjars.npm:uplot} jar. Stateless; thread-safe.
 */
final class StaticResources
{
    /** The page's path. */
    static final String PAGE = "/";
    /** The page's Content-Security-Policy: its own scripts only; uPlot sets inline styles. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static final String UPLOT_VERSION = "1.6.30";
    private static final String OWN = "/dev/bridge/analytics/http/";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
    /** Our files change with the build: the browser revalidates them. */
    private static final String REVALIDATE = "no-cache";
    /** uPlot changes only with its version. */
    private static final String ONE_DAY = "public, max-age=86400";

    private StaticResources()
    {
    }

    /**
     * @return request path -> file, read from the classpath now.
     * @throws IllegalStateException when a resource is missing from the classpath.
     */
    static Map<String, StaticFile> files()
    {
        final Map<String, StaticFile> files = new LinkedHashMap<>();
        files.put(PAGE, new StaticFile(read(OWN + "index.html"), Reply.HTML, REVALIDATE, PAGE_POLICY));
        files.put("/static/dashboard.js", file(OWN + "dashboard.js", "text/javascript; charset=utf-8", REVALIDATE));
        files.put("/static/dashboard.css", file(OWN + "dashboard.css", "text/css; charset=utf-8", REVALIDATE));
        files.put("/static/uPlot.iife.min.js", file(UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8", ONE_DAY));
        files.put("/static/uPlot.min.css", file(UPLOT + "uPlot.min.css", "text/css; charset=utf-8", ONE_DAY));
        return files;
    }

    private static StaticFile file(final String resource, final String contentType, final String cacheControl)
    {
        return new StaticFile(read(resource), contentType, cacheControl, null);
    }

    /** @throws IllegalStateException when {@code resource} is not on the classpath. */
    static byte[] read(final String resource)
    {
        try (InputStream in = StaticResources.class.getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new IllegalStateException("the dashboard resource " + resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the dashboard resource " + resource, ex);
        }
    }
}
