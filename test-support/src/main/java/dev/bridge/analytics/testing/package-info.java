/**
 * What the tests of every module share: {@link dev.bridge.analytics.testing.Await} (wait for another thread, with a
 * deadline, never a fixed pause) and {@link dev.bridge.analytics.testing.ManualClock} (an epoch clock a test sets).
 * Used at test scope only.
 */
package dev.bridge.analytics.testing;
