/**
 * Telemetry events: named events ({@code dspex.bridge.variable.read}) that code emits with one measurement and its
 * tag values, mapped in YAML to catalog metrics as Elixir's Telemetry.Metrics does (count, sum, last value,
 * distribution; tags kept as labels; keep/drop filters; unit conversion). {@link
 * dev.bridge.analytics.ingest.telemetry.Telemetry} ({@code Telemetry.of(engine)}) resolves an event to a
 * {@link dev.bridge.analytics.ingest.telemetry.TelemetryEvent} handle once; {@code emit} publishes through engine handles,
 * allocation-free once a tag combination is resolved, and never throws: a mapping that fails is detached and
 * counted.
 */
package dev.bridge.analytics.ingest.telemetry;
