/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.streams.processor.TaskId;
import org.jspecify.annotations.Nullable;

/** How stores, tasks and marker files are named in the shared Pagebox. */
final class TreeNames {
    /** Every store tree's name starts with this; the sweep looks only at these. */
    static final String STORE_TREE_PREFIX = "kv/";

    private static final int MAX_TREE_NAME_BYTES = 255;

    private TreeNames() {}

    /**
     * The tree of one store of one task: {@code kv/<task>/<store>}, or a digest of that when it is longer than a
     * tree name may be.
     */
    static String tree(String storeName, @Nullable TaskId taskId) {
        String task = taskId == null || taskId.partition() < 0 ? "global" : taskId.toString();
        String name = STORE_TREE_PREFIX + task + "/" + storeName;
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_TREE_NAME_BYTES && name.indexOf('\0') < 0) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return STORE_TREE_PREFIX + "sha256/" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The marker file in a task directory that says the task's state for this store lives in the shared Pagebox. */
    static String markerFile(String storeName) {
        return "pagebox-" + storeName + ".tree";
    }
}
