/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import dev.pagebox.testing.SmallStores;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The child process of {@link CorruptionFuzzTest}: opens a damaged copy of a store, reads every tree whole (an
 * ordered scan and a point read of every expected key) and prints one line: {@code EXACT} if everything equals
 * the expected content, {@code MISMATCH ...} for a wrong answer, {@code PAGEBOX <class> <message>} for a
 * {@link PageboxException}, {@code OTHER <class> <message>} for any other exception.
 */
public final class CorruptionTrial {
    private CorruptionTrial() {}

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        Map<String, TreeMap<String, byte[]>> expected = readExpected(Path.of(args[1]));
        String outcome;
        try {
            outcome = check(directory, expected);
        } catch (PageboxException e) {
            outcome = "PAGEBOX " + e.getClass().getName() + " " + oneLine(e.getMessage());
        } catch (RuntimeException | Error e) {
            outcome = "OTHER " + e.getClass().getName() + " " + oneLine(String.valueOf(e.getMessage()));
            e.printStackTrace();
        }
        System.out.println(outcome);
        System.out.flush();
    }

    private static String check(Path directory, Map<String, TreeMap<String, byte[]>> expected) {
        try (Pagebox store = Pagebox.open(directory, SmallStores.options(64).build())) {
            if (!store.trees().equals(new ArrayList<>(expected.keySet()))) {
                return "MISMATCH trees " + store.trees() + " instead of " + expected.keySet();
            }
            for (Map.Entry<String, TreeMap<String, byte[]>> tree : expected.entrySet()) {
                String mismatch = checkTree(store.tree(tree.getKey()), tree.getValue());
                if (mismatch != null) {
                    return "MISMATCH " + tree.getKey() + ": " + mismatch;
                }
            }
        }
        return "EXACT";
    }

    private static String checkTree(PageboxTree tree, TreeMap<String, byte[]> expected) {
        List<String> found = new ArrayList<>();
        String[] wrong = {null};
        tree.range(null, null, (key, value) -> {
            String name = HexFormat.of().formatHex(key);
            found.add(name);
            if (!Arrays.equals(value, expected.get(name))) {
                wrong[0] = "scan returned a wrong value for " + name;
                return false;
            }
            return true;
        });
        if (wrong[0] != null) {
            return wrong[0];
        }
        if (!found.equals(new ArrayList<>(expected.keySet()))) {
            return "scan found " + found.size() + " keys instead of " + expected.size();
        }
        for (Map.Entry<String, byte[]> entry : expected.entrySet()) {
            if (!Arrays.equals(tree.get(HexFormat.of().parseHex(entry.getKey())), entry.getValue())) {
                return "get returned a wrong value for " + entry.getKey();
            }
        }
        return null;
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    /** Reads what {@link CorruptionFuzzTest} wrote: trees in order, each with its entries in key order. */
    static Map<String, TreeMap<String, byte[]>> readExpected(Path file) throws IOException {
        Map<String, TreeMap<String, byte[]>> trees = new TreeMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int count = in.readInt();
            for (int t = 0; t < count; t++) {
                String name = in.readUTF();
                TreeMap<String, byte[]> entries = new TreeMap<>();
                int size = in.readInt();
                for (int i = 0; i < size; i++) {
                    String key = in.readUTF();
                    byte[] value = new byte[in.readInt()];
                    in.readFully(value);
                    entries.put(key, value);
                }
                trees.put(name, entries);
            }
        }
        return trees;
    }
}
