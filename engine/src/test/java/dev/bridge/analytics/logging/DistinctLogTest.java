package dev.bridge.analytics.logging;

import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each distinct problem is logged once; memory is bounded; forgetting logs a returning problem again. */
class DistinctLogTest
{
    @Test
    void shouldLogEachDistinctErrorOnceByWhereClassMessageAndFirstFrame()
    {
        final DistinctLog log = new DistinctLog(NOPLogger.NOP_LOGGER);
        final IllegalStateException error = new IllegalStateException("full");

        assertTrue(log.errorOnce("pipeline error", "bucket", "counted", error));
        assertFalse(log.errorOnce("pipeline error", "bucket", "counted", error), "the same error again");
        assertTrue(log.errorOnce("pipeline error", "histogram", "counted", error), "the same error elsewhere");
        assertTrue(log.errorOnce("pipeline error", "bucket", "counted", new IllegalStateException("other")));
        assertEquals(3, log.remembered());
    }

    @Test
    void shouldStopRememberingAtItsBoundAndLogAgainAfterForget()
    {
        final DistinctLog log = new DistinctLog(NOPLogger.NOP_LOGGER, 3);
        for (int i = 0; i < 100; i++)
        {
            log.warnOnce("problem " + i);
        }
        assertEquals(3, log.remembered(), "a flood of distinct problems does not grow memory");
        assertFalse(log.first("problem 50"), "past the bound nothing new is logged");
        assertFalse(log.warnOnce("problem 0"), "a remembered one is not logged again");

        log.forget();
        assertTrue(log.warnOnce("problem 0"), "after forget() it is logged again");
    }
}
