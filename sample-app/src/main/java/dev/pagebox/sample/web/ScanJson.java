/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.web;

import java.util.List;

/**
 * A scan's answer: {@code {"tree": "t", "entries": [...], "truncated": false}}.
 *
 * @param tree the tree's name
 * @param entries the entries in scan order
 * @param truncated whether the range holds more entries; the next page starts after the last key ({@code from=}
 *     the last key followed by {@code %00} going forward, {@code to=} the last key in reverse)
 */
record ScanJson(String tree, List<EntryJson> entries, boolean truncated) {}
