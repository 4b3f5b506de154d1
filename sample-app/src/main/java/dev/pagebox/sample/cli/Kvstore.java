/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxException;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxTree;
import dev.pagebox.StoreLockedException;
import dev.pagebox.sample.kv.KeyRange;
import dev.pagebox.sample.kv.KvLimits;
import dev.pagebox.sample.kv.RangeScan;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The {@code kvstore} command line of the original Pagebox: one operation on one tree per process. Puts and
 * deletes are STRICT (durable when the command exits 0, even if the machine crashes right after); closing the store
 * checkpoints, so the next command replays nothing.
 *
 * <p>Exit status: 0 done; 1 the key was not found ({@code get}, {@code del}); 2 usage error or a key, value or tree
 * name over the engine's limits; 3 the store could not be opened or failed (locked by a running app, I/O error,
 * corruption). Messages go to standard error, results to standard output.
 */
public final class Kvstore {
    static final int OK = 0;
    static final int NOT_FOUND = 1;
    static final int USAGE = 2;
    static final int STORE_ERROR = 3;

    static final String USAGE_TEXT = """
            usage: kvstore [--data-dir=DIR] [--tree=NAME] COMMAND [ARGS]
              put KEY VALUE    store VALUE under KEY (VALUE '-' reads standard input)
              get KEY          print the value of KEY; exit 1 if there is none
              scan [PREFIX]    print KEY<TAB>VALUE lines in key order (\\\\, \\t, \\n, \\r, \\xHH escaped)
              del KEY          delete KEY; exit 1 if there is none
              checkpoint       write all changed pages and truncate the log
              stats            print store and tree statistics as name=value lines
            options:
              --data-dir=DIR   the store (default: pagebox.data-directory of the app, ./pagebox-data)
              --tree=NAME      the tree (default: default)
            exit status: 0 ok, 1 key not found, 2 usage error, 3 store error
            """;

    // The engine logs its lifecycle (open, recovery, close) at INFO, which a one-shot command need not show; its
    // warnings still reach standard error. Its System.Logger goes to JUL when started from the jar (the platform
    // finds no logger service there) and to SLF4J and Logback on a flat class path (slf4j-jdk-platform-logging),
    // whose unconfigured default would print DEBUG on standard output: both are set. JUL holds loggers weakly, so
    // this reference keeps the level in force.
    private static final Logger ENGINE_LOG = Logger.getLogger("dev.pagebox");
    private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    private Kvstore(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs {@code kvstore} and exits with its status.
     *
     * @param args the arguments after {@code kvstore}
     */
    public static void main(String[] args) {
        ENGINE_LOG.setLevel(Level.WARNING);
        if (System.getProperty(LOGBACK_CONFIGURATION) == null) {
            System.setProperty(LOGBACK_CONFIGURATION, "kvstore-logback.xml");
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        int status = run(List.of(args), System.in, out, System.err);
        out.flush();
        System.exit(status);
    }

    /**
     * Runs one command.
     *
     * @param args the arguments after {@code kvstore}
     * @param in standard input (for {@code put KEY -})
     * @param out where results go
     * @param err where messages go
     * @return the exit status
     */
    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        return new Kvstore(in, out, err).run(args);
    }

    private int run(List<String> args) {
        KvstoreArguments arguments;
        try {
            arguments = KvstoreArguments.parse(args);
            if (arguments != null) {
                KvLimits.checkTreeName(arguments.tree());
            }
        } catch (KvstoreArguments.UsageException | IllegalArgumentException e) {
            err.println("kvstore: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (arguments == null) {
            out.print(USAGE_TEXT);
            return OK;
        }
        Path directory = arguments.dataDirectory() != null ? arguments.dataDirectory() : AppSettings.dataDirectory();
        return open(directory, arguments);
    }

    private int open(Path directory, KvstoreArguments arguments) {
        try (Pagebox store = Pagebox.open(directory, PageboxOptions.defaults())) {
            return execute(store, arguments);
        } catch (StoreLockedException e) {
            err.println("kvstore: " + e.getMessage() + " (stop the app or the other kvstore first)");
            return STORE_ERROR;
        } catch (IllegalArgumentException e) {
            err.println("kvstore: " + e.getMessage());
            return USAGE;
        } catch (PageboxException | UncheckedIOException e) {
            err.println("kvstore: " + e.getMessage());
            return STORE_ERROR;
        }
    }

    private int execute(Pagebox store, KvstoreArguments arguments) {
        List<String> operands = arguments.operands();
        String tree = arguments.tree();
        return switch (arguments.command()) {
            case "put" -> put(store.tree(tree), operands.get(0), operands.get(1));
            case "get" -> get(existing(store, tree), operands.get(0));
            case "del" -> delete(existing(store, tree), operands.get(0));
            case "scan" -> scan(existing(store, tree), operands.isEmpty() ? "" : operands.get(0));
            case "checkpoint" -> {
                store.checkpoint();
                yield OK;
            }
            case "stats" -> {
                StatsReport.print(store, existing(store, tree), out);
                yield OK;
            }
            default -> throw new IllegalStateException("unparsed command " + arguments.command());
        };
    }

    // Reading commands do not create the tree they name.
    private static @Nullable PageboxTree existing(Pagebox store, String tree) {
        return store.trees().contains(tree) ? store.tree(tree) : null;
    }

    private int put(PageboxTree tree, String key, String value) {
        byte[] bytes = value.equals("-") ? readInput() : utf8(value);
        tree.put(utf8(key), bytes, CommitMode.STRICT);
        return OK;
    }

    private int get(@Nullable PageboxTree tree, String key) {
        byte[] value = tree == null ? null : tree.get(utf8(key));
        if (value == null) {
            return notFound(key);
        }
        out.write(value, 0, value.length);
        out.println();
        return OK;
    }

    private int delete(@Nullable PageboxTree tree, String key) {
        if (tree == null || !tree.delete(utf8(key), CommitMode.STRICT)) {
            return notFound(key);
        }
        return OK;
    }

    private int scan(@Nullable PageboxTree tree, String prefix) {
        if (tree != null) {
            RangeScan.forEach(tree, KeyRange.of(utf8(prefix), null, null), false, (key, value) -> {
                out.println(EscapedText.escape(key) + '\t' + EscapedText.escape(value));
                return true;
            });
        }
        return OK;
    }

    private int notFound(String key) {
        err.println("kvstore: key not found: " + key);
        return NOT_FOUND;
    }

    private byte[] readInput() {
        try {
            byte[] value = in.readNBytes(KvLimits.MAX_VALUE_BYTES + 1);
            if (value.length > KvLimits.MAX_VALUE_BYTES) {
                throw new IllegalArgumentException(
                        "the value on standard input exceeds the maximum of " + KvLimits.MAX_VALUE_BYTES + " bytes");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
