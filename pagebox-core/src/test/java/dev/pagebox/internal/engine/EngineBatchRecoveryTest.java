/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxOptions;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.wal.Wal;
import dev.pagebox.testing.SmallStores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch whose record reached the log but whose steps did not is finished by recovery. */
class EngineBatchRecoveryTest {
    private static final PageboxOptions OPTIONS = SmallStores.options(32).build();

    @TempDir
    Path directory;

    @Test
    void recoveryAppliesTheStepsOfADurableBatchThatDidNotReachTheLog() {
        int treeId;
        try (Engine engine = Engine.open(directory, OPTIONS)) {
            treeId = engine.tree("t").treeId();
            engine.tree("t").tree().put(bytes("gone"), bytes("soon"), CommitMode.STRICT);
        }
        // A crash right after the batch record became durable: the log holds it, and none of its steps.
        try (PageStore store = PageStore.open(directory, EngineOpener.storeConfig(OPTIONS));
                Wal wal = Wal.open(EngineOpener.walConfig(
                        directory, OPTIONS, store.header().storeId()))) {
            List<BatchStep> steps = List.of(
                    new BatchStep(treeId, bytes("a"), bytes("1")),
                    new BatchStep(treeId, bytes("gone"), null),
                    new BatchStep(treeId, bytes("b"), bytes("2")));
            wal.append(BatchRecord.TYPE, BatchRecord.encode(steps), CommitMode.STRICT);
        }
        try (Engine engine = Engine.open(directory, OPTIONS)) {
            assertThat(engine.tree("t").tree().get(bytes("a"))).isEqualTo(bytes("1"));
            assertThat(engine.tree("t").tree().get(bytes("b"))).isEqualTo(bytes("2"));
            assertThat(engine.tree("t").tree().get(bytes("gone"))).isNull();
            assertThat(engine.recovery().recordsReplayed()).isPositive();
        }
        try (Engine engine = Engine.open(directory, OPTIONS)) {
            assertThat(engine.recovery().recordsReplayed())
                    .as("the finished batch was checkpointed")
                    .isZero();
            assertThat(engine.tree("t").tree().get(bytes("b"))).isEqualTo(bytes("2"));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
