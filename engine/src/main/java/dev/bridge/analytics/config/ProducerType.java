package dev.bridge.analytics.config;

/** Whether one thread or many publish into the ring. YAML: {@code single} or {@code multi}. */
public enum ProducerType
{
    /** Exactly one publishing thread (fastest claim, no CAS); publishing from a second thread corrupts the ring. */
    SINGLE,
    /** Any number of publishing threads. */
    MULTI
}
