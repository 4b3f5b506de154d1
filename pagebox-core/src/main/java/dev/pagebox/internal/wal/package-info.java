/**
 * The write-ahead log: physiological redo records appended by any number of threads, made durable by one
 * flusher thread with group commit, stored in pre-allocated segment files, replayed as a stream.
 *
 * <p>Start at {@link dev.pagebox.internal.wal.Wal}. The byte format is owned by
 * {@link dev.pagebox.internal.wal.WalRecordLayout}; the append protocol by
 * {@link dev.pagebox.internal.wal.LogBuffer}; group commit by {@link dev.pagebox.internal.wal.Flusher}; open-time
 * recovery by {@link dev.pagebox.internal.wal.Recovery}. {@code docs/wal.md} describes format and protocol.
 *
 * <p>Dependencies: {@code internal.nativeio} (direct I/O, block size), {@code internal.mem} (ordered word access,
 * the aligned buffer memory), and the API's option and exception types.
 */
@NullMarked
package dev.pagebox.internal.wal;

import org.jspecify.annotations.NullMarked;
