/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.pagebox.CommitMode;
import dev.pagebox.DiskFullException;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxState;
import dev.pagebox.PageboxStats;
import dev.pagebox.PageboxTree;
import dev.pagebox.PageboxTreeStats;
import dev.pagebox.ReadOnlyStoreException;
import dev.pagebox.spring.SmallStoreProperties;
import dev.pagebox.spring.TwoStores;
import dev.pagebox.spring.autoconfigure.PageboxAutoConfiguration;
import dev.pagebox.spring.autoconfigure.PageboxOptionsCustomizer;
import dev.pagebox.spring.endpoint.PageboxEndpoint;
import dev.pagebox.spring.endpoint.PageboxEndpoint.CheckpointsDescriptor;
import dev.pagebox.spring.endpoint.PageboxEndpoint.PageboxDescriptor;
import dev.pagebox.spring.endpoint.PageboxEndpointError;
import dev.pagebox.spring.endpoint.PageboxEndpointWebExtension;
import dev.pagebox.testing.FaultInjectingFileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

class PageboxEndpointAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(PageboxAutoConfiguration.class, PageboxEndpointAutoConfiguration.class));

    @TempDir
    Path directory;

    @Test
    void readShouldReturnPoolLogCheckpointsAndTrees() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users,orders", "management.endpoints.web.exposure.include=pagebox")
                .run(context -> {
                    PageboxTree users = context.getBean("users", PageboxTree.class);
                    for (int i = 0; i < 10; i++) {
                        users.put(bytes("user-" + i), bytes("v"));
                    }
                    context.getBean("orders", PageboxTree.class).put(bytes("order-1"), bytes("v"));
                    Pagebox pagebox = context.getBean(Pagebox.class);
                    pagebox.setUserMeta(3, 42);
                    pagebox.setUserMeta(Pagebox.USER_META_SLOTS - 1, -1);

                    PageboxDescriptor stats =
                            context.getBean(PageboxEndpoint.class).store("pagebox");

                    assertThat(stats.state()).isEqualTo(PageboxState.HEALTHY);
                    assertThat(stats.directory()).isEqualTo(directory.toString());
                    assertThat(stats.pool().frames()).isEqualTo(SmallStoreProperties.FRAMES);
                    assertThat(stats.log().records()).isGreaterThanOrEqualTo(11);
                    assertThat(stats.checkpoints().count()).isPositive();
                    assertThat(stats.trees())
                            .extracting(PageboxTreeStats::name, PageboxTreeStats::entries)
                            .containsExactlyInAnyOrder(tuple("users", 10L), tuple("orders", 1L));
                    assertThat(stats.userMeta()).containsExactly(entry(3, 42L), entry(31, -1L));

                    assertThat(context.getBean(PageboxEndpoint.class).stores().stores())
                            .containsOnlyKeys("pagebox");
                    String json = JsonMapper.builder()
                            .build()
                            .writeValueAsString(
                                    context.getBean(PageboxEndpoint.class).stores());
                    assertThat(json)
                            .startsWith("{\"stores\":{\"pagebox\":{\"state\":\"HEALTHY\"")
                            .contains("\"pool\":{\"frames\":" + SmallStoreProperties.FRAMES)
                            .contains("\"log\":{\"records\":")
                            .contains("\"recovery\":{\"fromLsn\":")
                            .contains("\"userMeta\":{\"3\":42,\"31\":-1}")
                            .contains("{\"name\":\"users\",\"height\":1,")
                            .contains("\"entries\":10,");
                });
    }

    @Test
    void writeShouldRunACheckpoint() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users", "management.endpoints.web.exposure.include=pagebox")
                .run(context -> {
                    PageboxEndpoint endpoint = context.getBean(PageboxEndpoint.class);
                    context.getBean("users", PageboxTree.class).put(bytes("k"), bytes("v"));
                    PageboxStats.Checkpoints before = endpoint.store("pagebox").checkpoints();
                    assertThat(endpoint.store("pagebox").log().bytesSinceCheckpoint())
                            .isPositive();

                    PageboxStats.Checkpoints after =
                            endpoint.checkpoint().stores().get("pagebox");

                    assertThat(after.count()).isEqualTo(before.count() + 1);
                    assertThat(after.lastRedoLsn()).isGreaterThan(before.lastRedoLsn());
                    assertThat(endpoint.store("pagebox").log().bytesSinceCheckpoint())
                            .isZero();
                });
    }

    @Test
    void severalStoresShouldEachBeListedAndCheckpointedByName(@TempDir Path other) {
        TwoStores.in(runner, directory, other)
                .withPropertyValues("management.endpoints.web.exposure.include=pagebox")
                .run(context -> {
                    PageboxEndpoint endpoint = context.getBean(PageboxEndpoint.class);
                    Pagebox users = context.getBean("users", Pagebox.class);
                    users.tree("u").put(bytes("k"), bytes("v"));

                    assertThat(endpoint.stores().stores()).containsOnlyKeys("orders", "users");
                    assertThat(endpoint.stores().stores().get("orders").directory())
                            .isEqualTo(directory.toString());
                    assertThat(endpoint.store("users").directory()).isEqualTo(other.toString());
                    assertThat(endpoint.store("users").trees())
                            .extracting(PageboxTreeStats::name)
                            .containsExactly("u");
                    assertThat(endpoint.store("nope")).as("404").isNull();

                    long before = users.stats().checkpoints().count();
                    assertThat(endpoint.checkpoint("users").count()).isEqualTo(before + 1);
                    assertThat(endpoint.checkpoint().stores()).containsOnlyKeys("orders", "users");
                    assertThat(users.stats().checkpoints().count()).isEqualTo(before + 2);
                    assertThat(endpoint.checkpoint("nope")).isNull();
                });
    }

    @Test
    void checkpointOfAStoreOpenedReadOnlyShouldBeRefusedWithA409() {
        Pagebox.open(directory, SmallStoreProperties.options()).close();
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.read-only=true", "management.endpoints.web.exposure.include=pagebox")
                .run(context -> {
                    PageboxEndpoint endpoint = context.getBean(PageboxEndpoint.class);
                    PageboxEndpointWebExtension web = context.getBean(PageboxEndpointWebExtension.class);
                    assertThat(endpoint.store("pagebox").readOnly()).isTrue();

                    assertThatThrownBy(() -> endpoint.checkpoint("pagebox"))
                            .isInstanceOf(ReadOnlyStoreException.class)
                            .hasMessage("no checkpoint was run: the Pagebox store 'pagebox' in " + directory
                                    + " is open read-only (pagebox.read-only), and a read-only store takes no"
                                    + " checkpoints");
                    WebEndpointResponse<Object> one = web.checkpoint("pagebox");
                    WebEndpointResponse<Object> all = web.checkpoint();

                    assertThat(one.getStatus()).isEqualTo(409);
                    assertThat(one.getBody())
                            .isEqualTo(new PageboxEndpointError(
                                    "read-only",
                                    "no checkpoint was run: the Pagebox store 'pagebox' in " + directory
                                            + " is open read-only (pagebox.read-only), and a read-only store takes"
                                            + " no checkpoints"));
                    assertThat(all.getStatus()).isEqualTo(409);
                    assertThat(((PageboxEndpointError) all.getBody()).message())
                            .isEqualTo("no checkpoint was run: every Pagebox store is open read-only [pagebox]"
                                    + " (pagebox.read-only), and a read-only store takes no checkpoints");
                    assertThat(web.checkpoint("nope").getStatus()).isEqualTo(404);
                });
    }

    @Test
    void checkpointOfEveryStoreShouldListThoseOpenReadOnlyAndRunInTheOthers(@TempDir Path other) {
        Pagebox.open(other, SmallStoreProperties.options()).close();
        runner.withPropertyValues("management.endpoints.web.exposure.include=pagebox")
                .withBean("live", Pagebox.class, () -> Pagebox.open(directory, SmallStoreProperties.options()))
                .withBean("archive", Pagebox.class, () -> Pagebox.open(other, readOnly()))
                .run(context -> {
                    Pagebox live = context.getBean("live", Pagebox.class);
                    long before = live.stats().checkpoints().count();

                    WebEndpointResponse<Object> response =
                            context.getBean(PageboxEndpointWebExtension.class).checkpoint();

                    assertThat(response.getStatus()).isEqualTo(200);
                    CheckpointsDescriptor checkpoints = (CheckpointsDescriptor) response.getBody();
                    assertThat(checkpoints.stores()).containsOnlyKeys("live");
                    assertThat(checkpoints.readOnly()).containsExactly("archive");
                    assertThat(live.stats().checkpoints().count()).isEqualTo(before + 1);
                    assertThat(context.getBean(PageboxEndpoint.class).stores().stores())
                            .containsOnlyKeys("live", "archive");
                });
    }

    @Test
    void storeOnAFullDiskShouldBeDescribedWithTheFailureUntilThereIsRoom() {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(5);
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users", "management.endpoints.web.exposure.include=pagebox")
                .withBean(PageboxOptionsCustomizer.class, () -> options -> options.channels(files))
                .run(context -> {
                    PageboxEndpoint endpoint = context.getBean(PageboxEndpoint.class);
                    PageboxTree users = context.getBean("users", PageboxTree.class);
                    assertThat(endpoint.store("pagebox").failure()).isNull();

                    FaultInjectingFileSystem.Rule full = files.failWhen(
                            FaultInjectingFileSystem.Operation.WRITE,
                            path -> path.getFileName().toString().startsWith("wal-"),
                            FaultInjectingFileSystem.diskFull());
                    assertThatThrownBy(() -> users.put(bytes("k"), bytes("v"), CommitMode.STRICT))
                            .isInstanceOf(DiskFullException.class);

                    PageboxDescriptor described = endpoint.store("pagebox");
                    assertThat(described.state()).isEqualTo(PageboxState.DISK_FULL);
                    assertThat(described.failure())
                            .contains(directory.resolve("wal").toString())
                            .endsWith("No space left on device");
                    assertThat(JsonMapper.builder().build().writeValueAsString(described))
                            .startsWith("{\"state\":\"DISK_FULL\",\"failure\":\"");

                    full.remove();
                    await().atMost(Duration.ofSeconds(10))
                            .ignoreException(DiskFullException.class)
                            .until(() -> {
                                users.put(bytes("resumed"), bytes("y"), CommitMode.STRICT);
                                return true;
                            });
                    assertThat(endpoint.store("pagebox").state()).isEqualTo(PageboxState.HEALTHY);
                    assertThat(endpoint.store("pagebox").failure()).isNull();
                });
    }

    @Test
    void selectorsShouldKeepTheirNamesForActuatorsPathMapping() throws NoSuchMethodException {
        // Actuator refuses an endpoint whose @Selector parameter names were not compiled in (-parameters).
        assertThat(PageboxEndpoint.class
                        .getMethod("store", String.class)
                        .getParameters()[0]
                        .getName())
                .isEqualTo("name");
        assertThat(PageboxEndpoint.class
                        .getMethod("checkpoint", String.class)
                        .getParameters()[0]
                        .getName())
                .isEqualTo("name");
    }

    @Test
    void runWhenEndpointNotExposedShouldBackOff() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .run(context -> assertThat(context).doesNotHaveBean(PageboxEndpoint.class));
    }

    @Test
    void runWithoutActuatorShouldBackOff() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("management.endpoints.web.exposure.include=pagebox")
                .withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(PageboxEndpoint.class);
                });
    }

    private static PageboxOptions readOnly() {
        return SmallStoreProperties.options().toBuilder().readOnly(true).build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
