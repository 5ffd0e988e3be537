package dev.bridge.analytics.remote;

/**
 * The remote-write exporter's counts at one moment ({@code AnalyticsEngine.remoteWriteCounts()}): the four that are
 * also self-metrics ({@code engine_remote_write_*}) and the exporter's own breakdown. Immutable, thread-safe.
 *
 * @param requests        requests acknowledged (2xx).
 * @param samplesSent     float samples acknowledged.
 * @param histogramsSent  native histogram samples acknowledged ({@code engine_remote_write_samples} counts both).
 * @param failedAttempts  attempts that failed with a 5xx or 429 answer or a network error (each retried).
 * @param droppedRequests requests the receiver refused with a 4xx answer other than 429 (dropped, not retried).
 * @param droppedSamples  samples and histograms of the dropped requests.
 * @param foldedSteps     steps older than raw_retention when their turn came, sent as one sample from the rollups.
 * @param errors          cycles that failed otherwise (the store could not be read, the state not saved).
 * @param ackedUntilMs    epoch ms up to which the receiver has acknowledged (or refused) every step.
 */
public record RemoteWriteCounts(
    long requests, long samplesSent, long histogramsSent, long failedAttempts, long droppedRequests,
    long droppedSamples, long foldedSteps, long errors, long ackedUntilMs)
{
}
