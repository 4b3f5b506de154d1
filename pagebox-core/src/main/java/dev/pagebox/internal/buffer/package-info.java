/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * The buffer pool: page frames in one address-space reservation, swizzled child references, LeanStore-style
 * cooling eviction under a memory budget, and write-back that respects write-ahead logging.
 *
 * <p>Start at {@link dev.pagebox.internal.buffer.BufferPool}, which reaches pages (swip resolution, faults, the
 * pinned-page table), hands frames out and back, and owns the swip protocol (its class comment). Who owns what:
 * <ul>
 *   <li>{@link dev.pagebox.internal.buffer.Frames}: the frame memory, the per-frame metadata
 *       ({@link dev.pagebox.internal.buffer.FrameTable} owns its layout), latches by frame, the registry of
 *       {@link dev.pagebox.internal.buffer.PageOwner}s, and a page's on-disk form (child swips as page ids);
 *   <li>{@link dev.pagebox.internal.buffer.FrameAllocator}: free frames, from the free list or by eviction in the
 *       foreground; {@link dev.pagebox.internal.buffer.Evictor}: cooling and eviction; the
 *       {@link dev.pagebox.internal.buffer.PageProvider} thread runs it ahead of need;
 *   <li>{@link dev.pagebox.internal.buffer.WriteBack}: writing dirty frames under the write-ahead rule;
 *   <li>{@link dev.pagebox.internal.buffer.PageLoads}: reads in flight, so one page is read once.
 * </ul>
 * The arrows run one way: the pool uses the others, the allocator uses the evictor and the provider, the evictor
 * uses frames and write-back, and owners see only {@link dev.pagebox.internal.buffer.Frames}.
 *
 * <p>Dependencies: {@code internal.latch} (the frame latches), {@code internal.swip} (the swip word),
 * {@code internal.page} (the page header), {@code internal.mem} (the pool's memory and atomic words),
 * {@code internal.wal} (redo holds of new pages) and {@code internal.store} (through {@code PageIo}).
 */
@NullMarked
package dev.pagebox.internal.buffer;

import org.jspecify.annotations.NullMarked;
