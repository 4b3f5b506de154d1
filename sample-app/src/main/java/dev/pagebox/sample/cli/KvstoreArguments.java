/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code kvstore} command line: options ({@code --data-dir=DIR}, {@code --tree=NAME}, also as two words)
 * anywhere, then a command and its operands; {@code --} ends the options, so a key may start with {@code --}.
 *
 * @param command the command name
 * @param operands the command's operands, their number checked
 * @param dataDirectory the {@code --data-dir} option, or null for the app's default
 * @param tree the tree name
 */
record KvstoreArguments(
        String command, List<String> operands, @Nullable Path dataDirectory, String tree) {
    /** The tree the command line uses unless {@code --tree} names another. */
    static final String DEFAULT_TREE = "default";

    // Command -> {fewest, most} operands.
    private static final Map<String, int[]> ARITY = Map.of(
            "put", new int[] {2, 2},
            "get", new int[] {1, 1},
            "del", new int[] {1, 1},
            "scan", new int[] {0, 1},
            "checkpoint", new int[] {0, 0},
            "stats", new int[] {0, 0});

    KvstoreArguments {
        operands = List.copyOf(operands);
    }

    /**
     * Parses the arguments after {@code kvstore}.
     *
     * @param args the arguments
     * @return the command, or null if help was asked for
     * @throws UsageException if the command line is wrong
     */
    static @Nullable KvstoreArguments parse(List<String> args) {
        Path dataDirectory = null;
        String tree = DEFAULT_TREE;
        List<String> words = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                words.add(arg);
            } else if (arg.equals("--")) {
                optionsEnded = true;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                return null;
            } else if (isOption(arg, "--data-dir")) {
                String value = optionValue(args, i, "--data-dir");
                i += arg.contains("=") ? 0 : 1;
                dataDirectory = Path.of(value);
            } else if (isOption(arg, "--tree")) {
                tree = optionValue(args, i, "--tree");
                i += arg.contains("=") ? 0 : 1;
            } else {
                throw new UsageException("unknown option " + arg);
            }
        }
        if (words.isEmpty()) {
            throw new UsageException("no command");
        }
        String command = words.getFirst();
        int[] arity = ARITY.get(command);
        if (arity == null) {
            throw new UsageException("unknown command " + command);
        }
        List<String> operands = words.subList(1, words.size());
        if (operands.size() < arity[0] || operands.size() > arity[1]) {
            throw new UsageException(command + " takes " + describe(arity) + ", not " + operands.size());
        }
        return new KvstoreArguments(command, operands, dataDirectory, tree);
    }

    private static boolean isOption(String arg, String name) {
        return arg.equals(name) || arg.startsWith(name + "=");
    }

    private static String optionValue(List<String> args, int index, String name) {
        String arg = args.get(index);
        String value;
        if (arg.startsWith(name + "=")) {
            value = arg.substring(name.length() + 1);
        } else if (index + 1 < args.size()) {
            value = args.get(index + 1);
        } else {
            throw new UsageException(name + " needs a value");
        }
        if (value.isEmpty()) {
            throw new UsageException(name + " needs a value");
        }
        return value;
    }

    private static String describe(int[] arity) {
        if (arity[0] == arity[1]) {
            return arity[0] == 1 ? "1 operand" : arity[0] + " operands";
        }
        return arity[0] + " to " + arity[1] + " operands";
    }

    /** A command line that does not parse; the tool prints it with the usage and exits 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
