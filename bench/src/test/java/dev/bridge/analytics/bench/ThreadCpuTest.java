package dev.bridge.analytics.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadCpuTest
{
    @Test
    void shouldCountTheDifferenceOfThreadsSeenTwiceAndAllOfThreadsStartedInBetween()
    {
        assertEquals(15 + 7, ThreadCpu.usedBetween(Map.of(1L, 10L, 2L, 5L), Map.of(1L, 25L, 3L, 7L)));
    }

    @Test
    void shouldFindTheCallingThreadByItsNamePrefix()
    {
        final Thread current = Thread.currentThread();
        final String name = current.getName();
        current.setName("thread-cpu-test-" + current.getId());
        try
        {
            final Map<Long, Long> found = ThreadCpu.byThread("thread-cpu-test-");
            assertEquals(Set.of(current.getId()), found.keySet());
            assertTrue(found.get(current.getId()) > 0, found.toString());
        }
        finally
        {
            current.setName(name);
        }
    }
}
