/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * Micrometer meters for a Pagebox store ({@link dev.pagebox.spring.metrics.PageboxMeterBinder}). Every meter has
 * the tag {@code store} (the data directory's name). Counters are cumulative since the store opened.
 *
 * <table>
 * <caption>Pagebox meters</caption>
 * <tr><th>name</th><th>type</th><th>meaning</th></tr>
 * <tr><td>{@code pagebox.state{state=healthy|disk_full|fenced|closed}}</td><td>gauge</td><td>1 for the store's
 *     state, 0 for the others</td></tr>
 * <tr><td>{@code pagebox.buffer.hits}</td><td>counter</td><td>page accesses served from memory</td></tr>
 * <tr><td>{@code pagebox.buffer.faults}</td><td>counter</td><td>pages read from disk</td></tr>
 * <tr><td>{@code pagebox.buffer.reheats}</td><td>counter</td><td>cooling pages touched again and kept</td></tr>
 * <tr><td>{@code pagebox.buffer.evictions}</td><td>counter</td><td>pages dropped from memory</td></tr>
 * <tr><td>{@code pagebox.buffer.writes}</td><td>counter</td><td>pages written to disk</td></tr>
 * <tr><td>{@code pagebox.buffer.frame.waits}</td><td>counter</td><td>waits for a free frame</td></tr>
 * <tr><td>{@code pagebox.buffer.pages{state=free|hot|cooling|pinned}}</td><td>gauge</td><td>frames by state</td></tr>
 * <tr><td>{@code pagebox.buffer.dirty.pages}</td><td>gauge</td><td>frames changed since last written</td></tr>
 * <tr><td>{@code pagebox.buffer.capacity}</td><td>gauge, bytes</td><td>frames times the page size</td></tr>
 * <tr><td>{@code pagebox.wal.records}</td><td>counter</td><td>log records appended</td></tr>
 * <tr><td>{@code pagebox.wal.bytes}</td><td>counter, bytes</td><td>log bytes written</td></tr>
 * <tr><td>{@code pagebox.wal.flushes}</td><td>counter</td><td>log syncs</td></tr>
 * <tr><td>{@code pagebox.wal.sync}</td><td>timer</td><td>log syncs and how long each took
 *     ({@link dev.pagebox.spring.metrics.PageboxSyncMeters})</td></tr>
 * <tr><td>{@code pagebox.wal.sync.records}</td><td>distribution summary</td><td>records made durable per sync
 *     (group commit)</td></tr>
 * <tr><td>{@code pagebox.wal.space.waits}</td><td>counter</td><td>waits for room in the log buffer</td></tr>
 * <tr><td>{@code pagebox.wal.unsynced}</td><td>gauge, bytes</td><td>log written but not yet durable</td></tr>
 * <tr><td>{@code pagebox.wal.since.checkpoint}</td><td>gauge, bytes</td><td>log a crash now would replay</td></tr>
 * <tr><td>{@code pagebox.checkpoints}</td><td>counter</td><td>checkpoints completed</td></tr>
 * <tr><td>{@code pagebox.checkpoint.duration}</td><td>time gauge</td><td>how long the last checkpoint took</td></tr>
 * <tr><td>{@code pagebox.checkpoint.age}</td><td>time gauge</td><td>time since the last checkpoint</td></tr>
 * <tr><td>{@code pagebox.recovery.records}</td><td>gauge</td><td>log records the last open replayed</td></tr>
 * </table>
 *
 * <p>All meters of one scrape but the state and the two sync meters read one {@code Pagebox.stats()} snapshot,
 * reused for up to a second; the state gauges ask the store, and the sync meters record each sync as it happens (the
 * auto-configuration sets the store's {@link dev.pagebox.LogSyncListener}; a store bean of the application's own
 * reports them only if it sets the listener itself).
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.spring.metrics;
