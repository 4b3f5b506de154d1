/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import static dev.pagebox.spring.autoconfigure.PageboxAutoConfigurationTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxState;
import dev.pagebox.PageboxTree;
import dev.pagebox.spring.SmallStoreProperties;
import dev.pagebox.spring.TwoStores;
import java.nio.file.Path;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Configuration;
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
    void stoppedContextShouldCheckpointKeepTheStoreOpenAndStartAgain() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users")
                .run(context -> {
                    Pagebox pagebox = context.getBean(Pagebox.class);
                    PageboxTree users = context.getBean("users", PageboxTree.class);
                    PageboxLifecycle lifecycle = context.getBean(PageboxLifecycle.class);
                    users.put(bytes("before"), bytes("stop"));
                    long checkpoints = pagebox.stats().checkpoints().count();

                    context.stop();

                    assertThat(lifecycle.isRunning()).isFalse();
                    assertThat(pagebox.isHealthy()).as("still open").isTrue();
                    assertThat(pagebox.stats().checkpoints().count()).isEqualTo(checkpoints + 1);
                    assertThat(pagebox.stats().log().bytesSinceCheckpoint()).isZero();

                    context.start();

                    assertThat(lifecycle.isRunning()).isTrue();
                    users.put(bytes("after"), bytes("start"));
                    assertThat(users.get(bytes("before"))).isEqualTo(bytes("stop"));
                    assertThat(context.getBean("users", PageboxTree.class)).isSameAs(users);
                });

        try (Pagebox reopened = Pagebox.open(directory, SmallStoreProperties.options())) {
            assertThat(reopened.tree("users").get(bytes("after"))).isEqualTo(bytes("start"));
            assertThat(reopened.recovery().recordsReplayed()).isZero();
        }
    }

    @Test
    void pausedContextShouldRestartWithTheSameStoreAndTrees() {
        // What Spring's test framework does to a cached context it stops using and later uses again.
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users")
                .withUserConfiguration(TreeHolder.class)
                .run(context -> {
                    TreeHolder holder = context.getBean(TreeHolder.class);
                    holder.users.put(bytes("k"), bytes("v1"));

                    context.pause();
                    assertThat(context.getBean(PageboxLifecycle.class).isRunning())
                            .isFalse();
                    context.restart();

                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(PageboxLifecycle.class).isRunning())
                            .isTrue();
                    holder.users.put(bytes("k"), bytes("v2"));
                    assertThat(context.getBean(Pagebox.class).tree("users").get(bytes("k")))
                            .isEqualTo(bytes("v2"));
                });
    }

    @Test
    void stoppingShouldCheckpointEveryStoreAndClosingCloseEveryOne(@TempDir Path other) {
        Pagebox[] stores = new Pagebox[2];
        TwoStores.in(runner, directory, other).run(context -> {
            stores[0] = context.getBean("orders", Pagebox.class);
            stores[1] = context.getBean("users", Pagebox.class);
            long[] before = {
                stores[0].stats().checkpoints().count(),
                stores[1].stats().checkpoints().count()
            };

            context.stop();

            assertThat(stores[0].stats().checkpoints().count()).isEqualTo(before[0] + 1);
            assertThat(stores[1].stats().checkpoints().count()).isEqualTo(before[1] + 1);
            context.start();
            assertThat(context.getBean(PageboxLifecycle.class).isRunning()).isTrue();
        });

        assertThat(stores).allSatisfy(store -> assertThat(store.state()).isEqualTo(PageboxState.CLOSED));
    }

    @Test
    void startingAfterTheStoreWasClosedOutsideTheContextShouldFailNamingIt() {
        runner.withPropertyValues(SmallStoreProperties.of(directory)).run(context -> {
            context.stop();
            context.getBean(Pagebox.class).close();

            assertThatThrownBy(context::start)
                    .rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("was closed outside the context's lifecycle")
                    .hasMessageContaining(directory.toString());
        });
    }

    @Test
    void beansUsingOnlyATreeShouldBeDestroyedBeforeTheStoreCloses() {
        // The tree bean depends on the store's bean, so Spring destroys the tree's users first.
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users")
                .withUserConfiguration(TreeHolder.class)
                .run(context -> assertThat(context).hasNotFailed());

        try (Pagebox reopened = Pagebox.open(directory, SmallStoreProperties.options())) {
            assertThat(reopened.tree("users").get(bytes("destroyed"))).isEqualTo(bytes("before the store closed"));
            assertThat(reopened.recovery().recordsReplayed())
                    .as("the close checkpointed after it")
                    .isZero();
        }
    }

    @Test
    void lifecyclesStoppingAfterThisOneShouldStillReachTheStore() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users")
                .withBean(LateStopper.class)
                .run(context -> assertThat(context).hasNotFailed());

        try (Pagebox reopened = Pagebox.open(directory, SmallStoreProperties.options())) {
            assertThat(reopened.tree("users").get(bytes("late"))).isEqualTo(bytes("written"));
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

    /** Holds a tree and writes to it when destroyed, as a bean flushing its state in {@code @PreDestroy} would. */
    @Configuration(proxyBeanMethods = false)
    static class TreeHolder implements DisposableBean {
        final PageboxTree users;

        TreeHolder(@Qualifier("users") PageboxTree users) {
            this.users = users;
        }

        @Override
        public void destroy() {
            users.put(bytes("destroyed"), bytes("before the store closed"));
        }
    }

    /** Writes to the store when stopped in the lowest phase, after the store's lifecycle stopped. */
    static final class LateStopper implements SmartLifecycle {
        private final PageboxTree users;
        private volatile boolean running;

        LateStopper(org.springframework.beans.factory.BeanFactory beans) {
            this.users = beans.getBean("users", PageboxTree.class);
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            users.put(bytes("late"), bytes("written"));
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return Integer.MIN_VALUE;
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
