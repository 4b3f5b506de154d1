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

/**
 * How stores, tasks, segments and marker files are named in the shared Pagebox.
 *
 * <p>Each store of each task owns a <em>family</em> of trees, named by its kind, task and store:
 * <pre>
 *   kv/&lt;task&gt;/&lt;store&gt;                 a key-value store: one tree, named as its family
 *   win/&lt;task&gt;/&lt;store&gt;@&lt;segment&gt;     a window store: one tree per time segment (a decimal segment id)
 *   ses/&lt;task&gt;/&lt;store&gt;@&lt;segment&gt;     a session store: one tree per segment of session end times
 * </pre>
 * A family whose name would be too long for a tree name is a SHA-256 digest of it instead ({@code kv/sha256/...}).
 * A segment tree's family is its name up to the last {@code @}: a segment id holds no {@code @}, so a store name
 * with {@code @} in it still parses. The bookkeeping ({@link TreeMeta}) and the marker file belong to the family.
 */
final class TreeNames {
    /** The longest tree name Pagebox takes, in UTF-8 bytes. */
    private static final int MAX_TREE_NAME_BYTES = 255;

    /** The room a segment suffix takes: {@code @} and a long in decimal. */
    private static final int SEGMENT_SUFFIX_BYTES =
            1 + Long.toString(Long.MIN_VALUE).length();

    private static final char SEGMENT_SEPARATOR = '@';

    /** The kinds of store, with the prefix of their families' names. */
    enum Kind {
        KEY_VALUE("kv/", false),
        WINDOW("win/", true),
        SESSION("ses/", true);

        private final String prefix;
        private final boolean segmented;

        Kind(String prefix, boolean segmented) {
            this.prefix = prefix;
            this.segmented = segmented;
        }

        String prefix() {
            return prefix;
        }

        boolean segmented() {
            return segmented;
        }
    }

    private TreeNames() {}

    /** The family of one store of one task: {@code <kind>/<task>/<store>}, or a digest when that is too long. */
    static String family(Kind kind, String storeName, @Nullable TaskId taskId) {
        String task = taskId == null || taskId.partition() < 0 ? "global" : taskId.toString();
        String name = kind.prefix() + task + "/" + storeName;
        int limit = kind.segmented() ? MAX_TREE_NAME_BYTES - SEGMENT_SUFFIX_BYTES : MAX_TREE_NAME_BYTES;
        if (name.getBytes(StandardCharsets.UTF_8).length <= limit && name.indexOf('\0') < 0) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return kind.prefix() + "sha256/" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The tree of one segment of a segmented family. */
    static String segmentTree(String family, long segmentId) {
        return family + SEGMENT_SEPARATOR + segmentId;
    }

    /** The segment id of a tree of {@code family}, or null if the tree is not one of its segments. */
    static @Nullable Long segmentOf(String family, String tree) {
        int separator = family.length();
        if (tree.length() <= separator + 1 || !tree.startsWith(family) || tree.charAt(separator) != SEGMENT_SEPARATOR) {
            return null;
        }
        return parseSegment(tree.substring(separator + 1));
    }

    /** The family a store tree belongs to, or null for a tree that is not a store's (the meta tree, others). */
    static @Nullable String familyOf(String tree) {
        for (Kind kind : Kind.values()) {
            if (!tree.startsWith(kind.prefix())) {
                continue;
            }
            if (!kind.segmented()) {
                return tree;
            }
            int separator = tree.lastIndexOf(SEGMENT_SEPARATOR);
            if (separator <= kind.prefix().length() || parseSegment(tree.substring(separator + 1)) == null) {
                return null;
            }
            return tree.substring(0, separator);
        }
        return null;
    }

    /** Whether a name is that of a store family (so the sweep may drop it). */
    static boolean isFamily(String name) {
        for (Kind kind : Kind.values()) {
            if (name.startsWith(kind.prefix())) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable Long parseSegment(String text) {
        if (text.isEmpty() || text.length() > SEGMENT_SUFFIX_BYTES - 1) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-' && text.length() > 1)) {
                return null;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The marker file in a task directory that says the task's state for this store lives in the shared Pagebox. */
    static String markerFile(String storeName) {
        return "pagebox-" + storeName + ".tree";
    }
}
