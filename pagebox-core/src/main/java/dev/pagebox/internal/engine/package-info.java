/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * The engine: opening and recovering a store, the catalog of named trees, batches, drops, checkpoints, backups.
 *
 * <p>Start at {@link dev.pagebox.internal.engine.Engine}, the store behind the public {@code Pagebox}, which guards
 * every call against close and hands it to the part that owns it. Who owns what:
 * <ul>
 *   <li>{@link dev.pagebox.internal.engine.EngineOpener}: wiring the parts on open, in recovery's order;
 *       {@link dev.pagebox.internal.engine.StoreRecovery}: redo onto the pages;
 *       {@link dev.pagebox.internal.engine.RecoveryCompletion}: what recovery finishes once the trees can be opened;
 *   <li>{@link dev.pagebox.internal.engine.OpenTrees} and the {@link dev.pagebox.internal.engine.Catalog}: named
 *       trees; {@link dev.pagebox.internal.engine.OpenTree} and {@link dev.pagebox.internal.engine.InFlight}: the
 *       guards that keep memory mapped while calls use it;
 *   <li>{@link dev.pagebox.internal.engine.Checkpointer}: checkpoints, foreground and background;
 *       {@link dev.pagebox.internal.engine.Batches}: atomic batches; {@link dev.pagebox.internal.engine.TreeDrops}:
 *       dropping trees; {@link dev.pagebox.internal.engine.Backups}: online backups;
 *       {@link dev.pagebox.internal.engine.BulkLoads}: bulk loads into empty trees;
 *       {@link dev.pagebox.internal.engine.WriteGate}: read-only stores and full disks refuse writes up front;
 *   <li>log record formats of the engine's own: {@link dev.pagebox.internal.engine.BatchRecord},
 *       {@link dev.pagebox.internal.engine.DropRecords}, {@link dev.pagebox.internal.engine.UserMeta};
 *       the offline check: {@link dev.pagebox.internal.engine.StoreVerifier}.
 * </ul>
 *
 * <p>Dependencies: every internal layer below (the engine is the top of the DAG) and the API's types.
 */
@NullMarked
package dev.pagebox.internal.engine;

import org.jspecify.annotations.NullMarked;
