/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.kv;

import java.util.List;

/**
 * The first entries of a scan, in scan order.
 *
 * @param entries at most the scan's limit of entries
 * @param truncated whether the range holds more entries past the last one returned
 */
public record ScanPage(List<KeyValue> entries, boolean truncated) {
    /** Copies the list. */
    public ScanPage {
        entries = List.copyOf(entries);
    }
}
