/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.internal.btree.TreeRedo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every log record type the engine replays is its own: a clash would replay one record as another. */
class LogRecordTypesTest {
    @Test
    void engineRecordTypesAreDistinctAndNotTreeRecords() {
        List<Integer> engineTypes =
                List.of(BatchRecord.TYPE, DropRecords.BEGIN, DropRecords.PAGES, DropRecords.END, UserMeta.TYPE);
        assertThat(engineTypes).doesNotHaveDuplicates();
        assertThat(engineTypes).noneMatch(TreeRedo::handles);
    }
}
