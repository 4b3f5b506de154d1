/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import static org.awaitility.Awaitility.await;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxOptions;
import dev.pagebox.internal.btree.BTree;
import dev.pagebox.testing.SmallStores;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineCheckpointTest {
    @TempDir
    Path directory;

    @Test
    void theLogGrowingPastItsLimitTriggersABackgroundCheckpoint() {
        PageboxOptions options =
                SmallStores.options(64).checkpointInterval(Duration.ZERO).build();
        try (Engine engine = Engine.open(directory, options)) {
            long atOpen = engine.checkpoints();
            BTree tree = engine.tree("t").tree();
            byte[] value = new byte[200];
            for (int i = 0; i < 10_000; i++) {
                tree.put(("k" + i).getBytes(), value, CommitMode.NONE);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.checkpoints() > atOpen);
        }
    }
}
