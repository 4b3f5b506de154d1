/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import dev.pagebox.CommitMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * A parsed {@code kvstore} command line: options anywhere (as {@code --name=value} or {@code --name value}), then a
 * command and its operands; {@code --} ends the options, so a key may start with {@code --}, and a negative number is
 * an operand. Options: {@code --data-dir}, {@code --tree}, {@code --sync} (the commit mode of this command's
 * writes), {@code --pool-size} and the flag {@code --read-only}; any other {@code --name=value} whose name has a dot
 * sets a property, as on the app's command line ({@code --spring.profiles.active=prod},
 * {@code --pagebox.page-size=8KB}).
 *
 * @param command the command
 * @param operands the command's operands, their number checked
 * @param dataDirectory the {@code --data-dir} option, or null for the app's configured directory
 * @param tree the tree name
 * @param commitMode the {@code --sync} option, or null for the app's configured commit mode
 * @param poolSize the {@code --pool-size} option, or null for the app's configured pool size
 * @param readOnly the {@code --read-only} flag: open the store read-only whatever the app's configuration says
 * @param properties the property options, in order
 */
record KvstoreArguments(
        KvstoreCommand command,
        List<String> operands,
        @Nullable Path dataDirectory,
        String tree,
        @Nullable CommitMode commitMode,
        @Nullable DataSize poolSize,
        boolean readOnly,
        Map<String, String> properties) {
    /** The tree the command line uses unless {@code --tree} names another. */
    static final String DEFAULT_TREE = "default";

    private static final List<String> OPTIONS = List.of("--data-dir", "--tree", "--sync", "--pool-size");
    private static final String READ_ONLY = "--read-only";

    /** An operand such as {@code -1} ({@code meta 0 -1}): no option looks like a number. */
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-[0-9]+");

    KvstoreArguments {
        operands = List.copyOf(operands);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
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
        CommitMode commitMode = null;
        DataSize poolSize = null;
        boolean readOnly = false;
        Map<String, String> properties = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded
                    || !arg.startsWith("-")
                    || arg.equals("-")
                    || NEGATIVE_NUMBER.matcher(arg).matches()) {
                words.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                return null;
            }
            if (arg.equals(READ_ONLY)) {
                readOnly = true;
                continue;
            }
            if (arg.startsWith(READ_ONLY + "=")) {
                throw new UsageException(READ_ONLY + " takes no value");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (name.contains(".")) {
                throw new UsageException("a property option takes its value after '=': " + name + "=VALUE");
            } else if (!OPTIONS.contains(name)) {
                throw new UsageException("unknown option " + name);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException(name + " needs a value");
            }
            if (value.isEmpty()) {
                throw new UsageException(name + " needs a value");
            }
            switch (name) {
                case "--data-dir" -> dataDirectory = Path.of(value);
                case "--tree" -> tree = value;
                case "--sync" -> commitMode = commitMode(value);
                case "--pool-size" -> poolSize = dataSize(value);
                default -> {
                    if (!name.startsWith("--") || !name.contains(".")) {
                        throw new UsageException("unknown option " + name);
                    }
                    properties.put(name.substring(2), value);
                }
            }
        }
        if (words.isEmpty()) {
            throw new UsageException("no command");
        }
        KvstoreCommand command = KvstoreCommand.named(words.getFirst())
                .orElseThrow(() -> new UsageException("unknown command " + words.getFirst()));
        List<String> operands = words.subList(1, words.size());
        command.checkOperands(operands.size());
        return new KvstoreArguments(command, operands, dataDirectory, tree, commitMode, poolSize, readOnly, properties);
    }

    private static CommitMode commitMode(String value) {
        try {
            return CommitMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--sync must be strict, relaxed or none, not " + value);
        }
    }

    private static DataSize dataSize(String value) {
        try {
            return DataSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--pool-size must be a size like 64MB, not " + value);
        }
    }

    /** A command line that does not parse; the tool prints it with the usage and exits 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
