/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.endpoint;

import dev.pagebox.BackupSummary;
import dev.pagebox.Pagebox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code pageboxbackup} endpoint: an online backup of every store of the context ({@code POST
 * /actuator/pageboxbackup}) or of one ({@code POST /actuator/pageboxbackup/NAME}), each store named after its bean.
 * Writers go on while it runs; each backup is a store of its own holding every write acknowledged before it began
 * ({@link Pagebox#backup}).
 *
 * <p>Backups go only under the configured directory ({@code pagebox.backup.directory}), each into a new
 * sub-directory named after the store and the UTC time it began ({@code orders-20260512T101530.123Z}); the request
 * chooses no path. Without the directory every operation is refused ({@link NotConfiguredException}). A backup that
 * fails leaves no directory behind.
 *
 * <p>A separate endpoint rather than an operation of {@link PageboxEndpoint}, whose {@code POST} paths already
 * run checkpoints: an Actuator endpoint has one write operation per path, and a separate id lets an application
 * expose and secure backups on their own.
 */
@Endpoint(id = "pageboxbackup")
public class PageboxBackupEndpoint {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern UNSAFE_IN_FILE_NAMES = Pattern.compile("[^A-Za-z0-9._-]");
    private static final int MAX_ATTEMPTS = 100;

    private final Map<String, Pagebox> stores;
    private final @Nullable Path directory;
    private final Clock clock;

    /**
     * Creates the endpoint.
     *
     * @param stores the stores by name (their bean names)
     * @param directory where backups go ({@code pagebox.backup.directory}), or null to refuse every backup
     * @throws IllegalArgumentException if the directory is inside a store's data directory
     */
    public PageboxBackupEndpoint(Map<String, Pagebox> stores, @Nullable Path directory) {
        this(stores, directory, Clock.systemUTC());
    }

    PageboxBackupEndpoint(Map<String, Pagebox> stores, @Nullable Path directory, Clock clock) {
        this.stores = new LinkedHashMap<>(stores);
        this.directory = directory == null ? null : directory.toAbsolutePath().normalize();
        this.clock = clock;
        if (this.directory != null) {
            stores.forEach((name, pagebox) -> checkOutside(this.directory, name, pagebox));
        }
    }

    /** A backup inside the store's own directory would be copied into the next one, and a store's files are its. */
    private static void checkOutside(Path directory, String name, Pagebox pagebox) {
        Path store = pagebox.stats().directory().toAbsolutePath().normalize();
        if (directory.startsWith(store)) {
            throw new IllegalArgumentException("pagebox.backup.directory " + directory
                    + " is inside the data directory of the Pagebox store '" + name + "' (" + store
                    + "); backups go outside it, preferably on another device");
        }
    }

    /**
     * Backs up every store, one after the other.
     *
     * @return each store's backup, by name
     * @throws NotConfiguredException if no backup directory is configured
     */
    @WriteOperation
    public BackupsDescriptor backup() {
        Path root = root();
        Map<String, BackupDescriptor> backups = new LinkedHashMap<>();
        stores.forEach((name, pagebox) -> backups.put(name, backup(root, name, pagebox)));
        return new BackupsDescriptor(backups);
    }

    /**
     * Backs up one store.
     *
     * @param name the store's name
     * @return its backup, or null (404) if there is no such store
     * @throws NotConfiguredException if no backup directory is configured
     */
    @WriteOperation
    public @Nullable BackupDescriptor backup(@Selector String name) {
        Pagebox pagebox = stores.get(name);
        return pagebox == null ? null : backup(root(), name, pagebox);
    }

    private Path root() {
        if (directory == null) {
            throw new NotConfiguredException("no backup was made: set pagebox.backup.directory to the directory"
                    + " backups go under (each in a new sub-directory named after the store and the time)");
        }
        return directory;
    }

    private BackupDescriptor backup(Path root, String name, Pagebox pagebox) {
        Path target = newDirectory(root, name);
        try {
            return BackupDescriptor.of(pagebox.backup(target));
        } catch (RuntimeException | Error e) {
            deleteIncomplete(target, e);
            throw e;
        }
    }

    /** A directory no other backup has: created here, so two backups begun in the same millisecond get two. */
    private Path newDirectory(Path root, String name) {
        String base = UNSAFE_IN_FILE_NAMES.matcher(name).replaceAll("_") + "-" + TIME.format(clock.instant());
        try {
            Files.createDirectories(root);
            for (int attempt = 1; ; attempt++) {
                Path target = root.resolve(attempt == 1 ? base : base + "-" + attempt);
                try {
                    return Files.createDirectory(target);
                } catch (FileAlreadyExistsException e) {
                    if (attempt == MAX_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a backup directory in " + root + ": " + e.getMessage(), e);
        }
    }

    /** The copy of a failed backup is of no use (the store stays as it was): remove it. */
    private static void deleteIncomplete(Path target, Throwable failure) {
        try (Stream<Path> files = Files.walk(target)) {
            List<Path> deepestFirst = files.sorted(Comparator.reverseOrder()).toList();
            for (Path file : deepestFirst) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The endpoint's answer to a backup of every store.
     *
     * @param backups each store's backup, by name
     */
    public record BackupsDescriptor(Map<String, BackupDescriptor> backups) {}

    /**
     * One backup: {@link BackupSummary} with the directory as text.
     *
     * @param target the backup's directory, a store of its own
     * @param dataBytes bytes of the data file and free-space snapshots copied
     * @param logBytes bytes of write-ahead log copied
     * @param endLsn where the backup's log ends: every write acknowledged before the backup began lies below it
     * @param duration how long the backup took
     */
    public record BackupDescriptor(String target, long dataBytes, long logBytes, long endLsn, Duration duration) {
        static BackupDescriptor of(BackupSummary summary) {
            return new BackupDescriptor(
                    summary.target().toString(),
                    summary.dataBytes(),
                    summary.logBytes(),
                    summary.endLsn(),
                    summary.duration());
        }
    }

    /** A backup asked for while {@code pagebox.backup.directory} is not set; over HTTP a 409. */
    public static final class NotConfiguredException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NotConfiguredException(String message) {
            super(message);
        }
    }
}
