/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.PageboxOptions;
import dev.pagebox.VerifyReport;
import dev.pagebox.internal.btree.TreeVerifier;
import dev.pagebox.internal.store.FreePageAllocator;
import dev.pagebox.internal.store.PageReadOutcome;
import dev.pagebox.internal.store.PageStore;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The offline check of a closed store: recovers it first (open and close, so the files hold every durable
 * change), then reads every page of every tree straight from the file (checksums, tree order, fences, overflow
 * chains) and compares the pages reached with the allocator's free set.
 */
public final class StoreVerifier {
    private StoreVerifier() {}

    /**
     * Verifies the store in {@code directory}.
     *
     * @param directory a store no process has open
     * @param options the options to open it with
     * @return what was checked and every problem found
     */
    public static VerifyReport verify(Path directory, PageboxOptions options) {
        List<Catalog.Entry> trees;
        try (Engine engine = Engine.open(directory, options)) {
            trees = engine.catalogEntries();
        }
        List<String> problems = new ArrayList<>();
        Set<Long> reachable = new HashSet<>();
        long entries = 0;
        try (PageStore store = PageStore.open(directory, EngineOpener.storeConfig(options))) {
            int pageSize = store.pageSize();
            MemorySegment buffer = MemorySegment.ofBuffer(
                            ByteBuffer.allocateDirect(2 * pageSize).alignedSlice(pageSize))
                    .asSlice(0, pageSize);
            LongFunction<@Nullable MemorySegment> read = pageId -> {
                PageReadOutcome outcome = store.tryReadPage(pageId, buffer);
                if (outcome != PageReadOutcome.VALID) {
                    problems.add("page " + pageId + ": " + outcome.describe(buffer, pageId));
                    return null;
                }
                // A copy: the walk holds a node while it reads its children and overflow chunks.
                return MemorySegment.ofArray(new long[pageSize / Long.BYTES]).copyFrom(buffer);
            };
            long catalogRoot = store.header().catalogRootPageId();
            new TreeVerifier(read, pageSize, Catalog.TREE_ID, problems, reachable).verify(catalogRoot);
            for (Catalog.Entry tree : trees) {
                entries +=
                        new TreeVerifier(read, pageSize, tree.treeId(), problems, reachable).verify(tree.rootPageId());
            }
            FreePageAllocator allocator = store.allocator();
            long pageCount = allocator.pageCount();
            for (long pageId : reachable) {
                if (allocator.isFree(pageId)) {
                    problems.add("page " + pageId + " is in use but marked free");
                }
            }
            long leaked = 0;
            for (long pageId = 2; pageId < pageCount; pageId++) {
                if (!allocator.isFree(pageId) && !reachable.contains(pageId)) {
                    leaked++;
                }
            }
            return new VerifyReport(trees.size(), reachable.size(), entries, leaked, List.copyOf(problems));
        }
    }
}
