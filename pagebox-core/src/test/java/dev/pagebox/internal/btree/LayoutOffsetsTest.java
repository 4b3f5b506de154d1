/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.internal.page.PageHeaderLayout;
import org.junit.jupiter.api.Test;

/** The tree's layouts start where the page header ends (they derive the offset from its size). */
class LayoutOffsetsTest {
    @Test
    void nodeAndOverflowLayoutsStartAfterThePageHeader() {
        assertThat(NodeLayout.HEADER).isEqualTo(PageHeaderLayout.SIZE);
        assertThat(OverflowPageLayout.NEXT).isEqualTo(PageHeaderLayout.SIZE);
    }
}
