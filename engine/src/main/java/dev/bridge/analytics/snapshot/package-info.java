/**
 * Mergeable snapshots: every stored bucket of a range written to a portable JSON file ({@link
 * dev.bridge.analytics.snapshot.SnapshotWriter}, see {@link dev.bridge.analytics.snapshot.SnapshotFormat} for the
 * layout), and snapshot files of several nodes merged into one temporary store that answers every query as one engine
 * that saw all their events would ({@link dev.bridge.analytics.snapshot.MergedStore}, opened by
 * {@code AnalyticsReader.openMerged}).
 * <pre>
 *  node A store ──SnapshotWriter──▶ a.snap ─┐                                   temporary store
 *  node B store ──SnapshotWriter──▶ b.snap ─┼─▶ SnapshotParser ──▶ SnapshotMerger ──▶ (Chronicle maps) ──▶ AnalyticsReader
 *                                           ┘   (pass 1: validate and count every file; pass 2: merge)
 * </pre>
 * Nothing here is on the recording path: the types allocate freely and each instance belongs to one thread.
 */
package dev.bridge.analytics.snapshot;
