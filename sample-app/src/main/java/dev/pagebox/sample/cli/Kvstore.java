/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxException;
import dev.pagebox.ReadOnlyStoreException;
import dev.pagebox.StoreLockedException;
import dev.pagebox.sample.kv.KvLimits;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The {@code kvstore} command line of the original Pagebox: one operation on one tree per process, on the store the
 * app uses, opened with the app's configuration ({@link KvstoreSettings}). Writes use the app's commit mode (STRICT
 * unless configured: durable once the command exits 0) unless {@code --sync} names another; closing the store
 * checkpoints (unless {@code pagebox.checkpoint.on-shutdown=false}), so the next command replays nothing. The
 * commands are {@link KvstoreCommand}.
 *
 * <p>Exit status: 0 done; 1 the key was not found ({@code get}, {@code del}); 2 usage error, a wrong setting, a
 * command that writes to a store opened read-only ({@code --read-only}), or a key, value or tree name over the
 * engine's limits; 3 the store could not be opened or failed (locked by a running app, I/O error, corruption); 4
 * {@code verify} found damage. Messages go to standard error, results to standard output.
 */
public final class Kvstore {
    static final int OK = 0;
    static final int NOT_FOUND = 1;
    static final int USAGE = 2;
    static final int STORE_ERROR = 3;
    static final int DAMAGED = 4;

    static final String USAGE_TEXT = usage();

    private static final String READ_ONLY_SOURCES = " (--read-only or pagebox.read-only=true)";

    // The engine logs its lifecycle (open, recovery, close) at INFO, which a one-shot command need not show; its
    // warnings still reach standard error. Its System.Logger goes to JUL when started from the jar (the platform
    // finds no logger service there) and to SLF4J and Logback on a flat class path (slf4j-jdk-platform-logging),
    // whose unconfigured default would print DEBUG on standard output: both are set. JUL holds loggers weakly, so
    // this reference keeps the level in force.
    private static final Logger ENGINE_LOG = Logger.getLogger("dev.pagebox");
    private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

    // Boot's configuration code logs through commons-logging, which would start Logback through SLF4J: a third
    // of a command's run time for lines nobody reads (debug and trace only). Its own JUL-backed factory costs nothing.
    private static final String COMMONS_LOGGING_FACTORY = "org.apache.commons.logging.LogFactory";

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
        if (System.getProperty(COMMONS_LOGGING_FACTORY) == null) {
            System.setProperty(COMMONS_LOGGING_FACTORY, "org.apache.commons.logging.impl.LogFactoryImpl");
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
        KvstoreSettings settings;
        try {
            arguments = KvstoreArguments.parse(args);
            if (arguments == null) {
                out.print(USAGE_TEXT);
                return OK;
            }
            KvLimits.checkTreeName(arguments.tree());
        } catch (KvstoreArguments.UsageException | IllegalArgumentException e) {
            err.println("kvstore: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        try {
            settings = KvstoreSettings.read(arguments);
        } catch (KvstoreArguments.UsageException e) {
            err.println("kvstore: " + e.getMessage());
            return USAGE;
        }
        return execute(arguments, settings);
    }

    private int execute(KvstoreArguments arguments, KvstoreSettings settings) {
        KvstoreCommand command = arguments.command();
        if (settings.options().readOnly() && command.writes(arguments.operands().size())) {
            err.println("kvstore: " + command.word() + " writes to the store, which is opened read-only"
                    + READ_ONLY_SOURCES);
            return USAGE;
        }
        try {
            if (!command.opensStore()) {
                return command.run(run(null, arguments, settings));
            }
            try (Pagebox store = Pagebox.open(settings.directory(), settings.options())) {
                return command.run(run(store, arguments, settings));
            }
        } catch (StoreLockedException e) {
            err.println("kvstore: " + e.getMessage() + " (stop the app or the other kvstore first)");
            return STORE_ERROR;
        } catch (ReadOnlyStoreException e) {
            err.println("kvstore: " + command.word() + " writes to the store, which is opened read-only"
                    + READ_ONLY_SOURCES);
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println("kvstore: " + e.getMessage());
            return USAGE;
        } catch (PageboxException | UncheckedIOException e) {
            err.println("kvstore: " + e.getMessage());
            return STORE_ERROR;
        }
    }

    private KvstoreRun run(@Nullable Pagebox store, KvstoreArguments arguments, KvstoreSettings settings) {
        return new KvstoreRun(
                store,
                settings.directory(),
                settings.options(),
                arguments.tree(),
                arguments.operands(),
                settings.commitMode(),
                in,
                out,
                err);
    }

    private static String usage() {
        StringBuilder text = new StringBuilder("usage: kvstore [OPTION...] COMMAND [ARGS]\n");
        for (KvstoreCommand command : KvstoreCommand.values()) {
            text.append(command.usageLine());
        }
        return text.append("""
                options:
                  --data-dir=DIR   the store (default: the app's pagebox.data-directory, ./pagebox-data)
                  --tree=NAME      the tree (default: default)
                  --sync=MODE      when this command's writes return: strict, relaxed or none
                                   (default: the app's pagebox.wal.commit-mode, strict)
                  --pool-size=SIZE buffer pool memory, like 64MB (default: the app's pagebox.pool-size)
                  --read-only      open the store without writing a byte to it (default: the app's
                                   pagebox.read-only); commands that write exit 2
                  --NAME=VALUE     any property with a dot in its name, as on the app's command line:
                                   --spring.profiles.active=prod, --pagebox.page-size=8KB
                the app's configuration applies: application.properties in the jar, ./ and ./config/,
                profiles, environment variables (PAGEBOX_DATADIRECTORY), system properties
                exit status: 0 ok, 1 key not found, 2 usage or setting error, 3 store error, 4 damaged store
                """).toString();
    }
}
