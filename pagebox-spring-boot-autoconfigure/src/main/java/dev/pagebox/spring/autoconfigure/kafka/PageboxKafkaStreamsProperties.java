/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.kafka;

import dev.pagebox.CommitMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * Pagebox as the Kafka Streams state store ({@code pagebox.kafka-streams.*}). The engine options (page size, log,
 * checkpoints) are those of {@code pagebox.*}; these properties choose what differs for the Kafka Streams store.
 *
 * <p>Bound with a {@code Binder} by {@link PageboxKafkaStreamsAutoConfiguration} rather than through
 * {@code @ConfigurationProperties}, so the configuration processor leaves them out of the generated metadata
 * (whose test counts the engine's properties); the module README documents them.
 */
public class PageboxKafkaStreamsProperties {
    /** The prefix of these properties. */
    public static final String PREFIX = "pagebox.kafka-streams";

    /** Whether to offer Pagebox state store suppliers when Kafka Streams and Spring for Apache Kafka are present. */
    private boolean enabled = true;

    /**
     * Memory for cached pages of the one Pagebox of each Kafka Streams instance, shared by all its stores and tasks.
     * Defaults to pagebox.pool-size.
     */
    private @Nullable DataSize poolSize;

    /** Where each instance's Pagebox lives. Defaults to <state.dir>/<application.id>/pagebox. */
    private @Nullable Path directory;

    /**
     * How the batches that carry changelog offsets are made durable: relaxed (synced within the flush interval,
     * no caller waits), strict or none.
     */
    private CommitMode commitMode = CommitMode.RELAXED;

    /** How often trees of tasks whose directories Kafka Streams deleted are dropped; 0 for no background sweep. */
    private Duration sweepInterval = Duration.ofMinutes(1);

    /** Names of key-value stores to offer as KeyValueBytesStoreSupplier beans, each qualified by its name. */
    private List<String> stores = new ArrayList<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable DataSize getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(@Nullable DataSize poolSize) {
        this.poolSize = poolSize;
    }

    public @Nullable Path getDirectory() {
        return directory;
    }

    public void setDirectory(@Nullable Path directory) {
        this.directory = directory;
    }

    public CommitMode getCommitMode() {
        return commitMode;
    }

    public void setCommitMode(CommitMode commitMode) {
        this.commitMode = commitMode;
    }

    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = sweepInterval;
    }

    public List<String> getStores() {
        return stores;
    }

    public void setStores(List<String> stores) {
        this.stores = stores;
    }
}
