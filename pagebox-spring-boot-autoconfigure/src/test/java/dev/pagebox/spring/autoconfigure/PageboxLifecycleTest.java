/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import static dev.pagebox.spring.autoconfigure.PageboxAutoConfigurationTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxTree;
import dev.pagebox.spring.SmallStoreProperties;
import java.nio.file.Path;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;

class PageboxLifecycleTest {
    private static final int ENTRIES = 500;

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PageboxAutoConfiguration.class));

    @TempDir
    Path directory;

    @Test
    void phaseShouldBeBelowTheWebServerShutdownPhases() {
        assertThat(PageboxLifecycle.PHASE)
                .isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
                .isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
    }

    @Test
    void closingTheContextShouldCheckpointSoTheNextOpenReplaysNothing() {
        writeEntriesAndClose(true);

        try (Pagebox reopened = Pagebox.open(directory, SmallStoreProperties.options())) {
            assertThat(reopened.recovery().recordsReplayed()).isZero();
            assertEntries(reopened.tree("users"));
        }
    }

    @Test
    void closingWithoutShutdownCheckpointShouldLeaveLogToReplay() {
        // The control for the test above: its zero would be no evidence if the log never held anything to replay.
        writeEntriesAndClose(false);

        try (Pagebox reopened = Pagebox.open(directory, SmallStoreProperties.options())) {
            assertThat(reopened.recovery().recordsReplayed()).isPositive();
            assertEntries(reopened.tree("users"));
        }
    }

    @Test
    void requestsDrainedDuringGracefulShutdownShouldStillReachTheStore() {
        // Stands in for the web server: a request drained in the graceful-shutdown phase writes to the store.
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users")
                .withBean(DrainedRequest.class)
                .run(context -> assertThat(context).hasNotFailed());

        try (Pagebox reopened = Pagebox.open(directory, SmallStoreProperties.options())) {
            assertThat(reopened.tree("users").get(bytes("drained"))).isEqualTo(bytes("written"));
            assertThat(reopened.recovery().recordsReplayed()).isZero();
        }
    }

    @Test
    void runWithVirtualThreadsShouldServeCallsFromVirtualThreads() {
        runner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
                .withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users", "spring.threads.virtual.enabled=true")
                .run(context -> {
                    PageboxTree users = context.getBean("users", PageboxTree.class);
                    AsyncTaskExecutor executor = context.getBean(
                            TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME,
                            AsyncTaskExecutor.class);
                    Future<Boolean> virtual = executor.submit(() -> {
                        users.put(bytes("k"), bytes("v"));
                        return Thread.currentThread().isVirtual();
                    });
                    assertThat(virtual.get()).isTrue();
                    assertThat(users.get(bytes("k"))).isEqualTo(bytes("v"));
                });
    }

    private void writeEntriesAndClose(boolean checkpointOnShutdown) {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users", "pagebox.checkpoint.on-shutdown=" + checkpointOnShutdown)
                .run(context -> {
                    PageboxTree users = context.getBean("users", PageboxTree.class);
                    for (int i = 0; i < ENTRIES; i++) {
                        users.put(bytes("key-" + i), bytes("value-" + i), CommitMode.STRICT);
                    }
                });
    }

    private static void assertEntries(PageboxTree users) {
        assertThat(users.count()).isEqualTo(ENTRIES);
        for (int i = 0; i < ENTRIES; i++) {
            assertThat(users.get(bytes("key-" + i))).isEqualTo(bytes("value-" + i));
        }
    }

    /** Writes to the store when stopped in the web server's graceful-shutdown phase. */
    static final class DrainedRequest implements SmartLifecycle {
        private final PageboxTree users;
        private volatile boolean running;

        DrainedRequest(org.springframework.beans.factory.BeanFactory beans) {
            this.users = beans.getBean("users", PageboxTree.class);
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            users.put(bytes("drained"), bytes("written"));
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE;
        }
    }
}
