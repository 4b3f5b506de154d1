/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxOptions;
import dev.pagebox.SyncBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code pagebox.*} properties: one property per {@link PageboxOptions} option, with the same defaults, plus
 * the data directory, the trees to expose as beans and where the Actuator endpoint puts backups. Bound values are
 * checked as {@link PageboxOptions} checks them, so a wrong value fails startup with a message naming the property,
 * the value as written and where it was set (Boot validates a properties object that is itself a
 * {@link Validator}).
 */
@ConfigurationProperties("pagebox")
public class PageboxProperties implements Validator, EnvironmentAware {

    /** Where the values came from, for error reports that show them as written; not a property. */
    private @Nullable Environment environment;

    /** Directory holding the store's files, created if missing. One process at a time may open it. */
    private Path dataDirectory = Path.of("./pagebox-data");

    /** Memory for cached pages (the buffer pool's resident budget); must hold at least 8 pages. */
    private DataSize poolSize = DataSize.ofMegabytes(256);

    /**
     * Page size of a new store, a power of two from 4KB to 64KB. An existing store keeps the page size it was
     * created with; a different value here fails startup.
     */
    private DataSize pageSize = DataSize.ofKilobytes(16);

    /** Whether the data file bypasses the operating system's page cache (O_DIRECT). */
    private boolean directIo = false;

    /**
     * Whether to open the store read-only: recovery in memory, no byte written to its files, writes refused (for
     * inspection and analytics, a backup, or a store on a full disk).
     */
    private boolean readOnly = false;

    /** CPUs for the background threads (log flusher, page provider, checkpointer): off, auto, or a list like 0-3,6. */
    private String cpuPinning = "off";

    /** Trees to expose as PageboxTree beans, each named (and qualified) by its tree name; created if missing. */
    private List<String> trees = new ArrayList<>();

    /** Write-ahead log. */
    private final Wal wal = new Wal();

    /** Checkpoints. */
    private final Checkpoint checkpoint = new Checkpoint();

    /** Backups taken through the pageboxbackup Actuator endpoint. */
    private final Backup backup = new Backup();

    public Path getDataDirectory() {
        return dataDirectory;
    }

    public void setDataDirectory(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    public DataSize getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(DataSize poolSize) {
        this.poolSize = poolSize;
    }

    public DataSize getPageSize() {
        return pageSize;
    }

    public void setPageSize(DataSize pageSize) {
        this.pageSize = pageSize;
    }

    public boolean isDirectIo() {
        return directIo;
    }

    public void setDirectIo(boolean directIo) {
        this.directIo = directIo;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    public String getCpuPinning() {
        return cpuPinning;
    }

    public void setCpuPinning(String cpuPinning) {
        this.cpuPinning = cpuPinning;
    }

    public List<String> getTrees() {
        return trees;
    }

    public void setTrees(List<String> trees) {
        this.trees = trees;
    }

    public Wal getWal() {
        return wal;
    }

    public Checkpoint getCheckpoint() {
        return checkpoint;
    }

    public Backup getBackup() {
        return backup;
    }

    /**
     * The options these properties describe, for {@link PageboxOptionsCustomizer}s to adjust.
     *
     * @return a builder holding every option set here
     * @throws IllegalArgumentException if a value is wrong (binding has already rejected it with the property name)
     */
    public PageboxOptions.Builder toOptionsBuilder() {
        return PageboxPropertiesOptions.builder(this);
    }

    @Override
    public boolean supports(Class<?> type) {
        return PageboxProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        PageboxPropertiesOptions.validate((PageboxProperties) target, errors, environment);
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /** The {@code pagebox.wal.*} properties. */
    public static class Wal {

        /** When a write returns: strict (once durable), relaxed (durable within flush-interval) or none. */
        private CommitMode commitMode = CommitMode.STRICT;

        /** How soon a relaxed write becomes durable, at most a minute. */
        private Duration flushInterval = Duration.ofMillis(5);

        /** Size of each log segment file, a multiple of 4KB. */
        private DataSize segmentSize = DataSize.ofMegabytes(64);

        /** Memory for log records not yet written, a multiple of 4KB. */
        private DataSize bufferSize = DataSize.ofMegabytes(4);

        /** How the log makes its writes durable: fdatasync, dsync (O_DSYNC) or direct (O_DIRECT with O_DSYNC). */
        private SyncBackend syncBackend = SyncBackend.FDATASYNC;

        public CommitMode getCommitMode() {
            return commitMode;
        }

        public void setCommitMode(CommitMode commitMode) {
            this.commitMode = commitMode;
        }

        public Duration getFlushInterval() {
            return flushInterval;
        }

        public void setFlushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
        }

        public DataSize getSegmentSize() {
            return segmentSize;
        }

        public void setSegmentSize(DataSize segmentSize) {
            this.segmentSize = segmentSize;
        }

        public DataSize getBufferSize() {
            return bufferSize;
        }

        public void setBufferSize(DataSize bufferSize) {
            this.bufferSize = bufferSize;
        }

        public SyncBackend getSyncBackend() {
            return syncBackend;
        }

        public void setSyncBackend(SyncBackend syncBackend) {
            this.syncBackend = syncBackend;
        }
    }

    /** The {@code pagebox.checkpoint.*} properties. */
    public static class Checkpoint {

        /** Time between checkpoints; 0 for none on a timer. */
        private Duration interval = Duration.ofMinutes(5);

        /** Log written since the last checkpoint that triggers one; at least the WAL segment size. */
        private DataSize maxWalSize = DataSize.ofGigabytes(1);

        /** Whether shutdown checkpoints before closing the store, so the next start replays no log. */
        private boolean onShutdown = true;

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public DataSize getMaxWalSize() {
            return maxWalSize;
        }

        public void setMaxWalSize(DataSize maxWalSize) {
            this.maxWalSize = maxWalSize;
        }

        public boolean isOnShutdown() {
            return onShutdown;
        }

        public void setOnShutdown(boolean onShutdown) {
            this.onShutdown = onShutdown;
        }
    }

    /** The {@code pagebox.backup.*} properties. */
    public static class Backup {

        /**
         * Directory under which the pageboxbackup Actuator endpoint writes backups, each into a new sub-directory
         * named after the store and the UTC time; created if missing. Without it the endpoint makes no backup.
         */
        private @Nullable Path directory;

        public @Nullable Path getDirectory() {
            return directory;
        }

        public void setDirectory(@Nullable Path directory) {
            this.directory = directory;
        }
    }
}
