/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.spring.SmallStoreProperties;
import dev.pagebox.spring.autoconfigure.health.PageboxHealthContributorAutoConfiguration;
import dev.pagebox.spring.health.PageboxHealthIndicator;
import dev.pagebox.spring.health.PageboxNativeAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A JVM started without {@code --enable-native-access}: the starter says so once at startup and health shows it. The
 * build runs every test JVM with the flag, so the real case runs in a child JVM without it.
 */
class NativeAccessWarningTest {
    private static final String WARNING = "Pagebox runs without native access";

    @TempDir
    Path directory;

    @Test
    void aJvmWithoutNativeAccessShouldWarnOnceAndShowItInHealth() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        Process child = new ProcessBuilder(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        WithoutNativeAccess.class.getName(),
                        directory.resolve("store").toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        assertThat(child.exitValue()).as(stdout + stderr).isZero();

        assertThat(stdout)
                .contains("nativeAccess=false\n")
                .contains("nativeAccessMissing=" + "the buffer pool's memory is not reserved with mmap(MAP_NORESERVE)")
                .contains("start the JVM with --enable-native-access=ALL-UNNAMED");
        assertThat(occurrences(stderr, "WARNING: " + WARNING)).as(stderr).isEqualTo(1);
        assertThat(stderr).contains("<argLine>--enable-native-access=ALL-UNNAMED</argLine>");
    }

    @Test
    void platformWithoutNativeIoShouldOnlyInform() {
        PageboxNativeAccess notLinux = new PageboxNativeAccess(false, "Pagebox's native I/O is for Linux", false);

        assertThat(PageboxLifecycle.nativeAccessMessage(notLinux))
                .isEqualTo("Pagebox runs without native I/O: Pagebox's native I/O is for Linux");
    }

    @Test
    void jvmWithNativeAccessShouldNotWarn() {
        assertThat(PageboxLifecycle.nativeAccessMessage(PageboxNativeAccess.current()))
                .isNull();
    }

    private static int occurrences(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** Starts two contexts on the auto-configuration, as an application and a test would, and prints health. */
    public static final class WithoutNativeAccess {
        private WithoutNativeAccess() {}

        public static void main(String[] args) throws IOException {
            Path store = Path.of(args[0]);
            ApplicationContextRunner runner = new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(
                            PageboxAutoConfiguration.class, PageboxHealthContributorAutoConfiguration.class))
                    .withPropertyValues(SmallStoreProperties.of(store));
            runner.run(context -> assertThat(context).hasNotFailed());
            runner.run(context -> {
                Map<String, Object> details =
                        context.getBean(PageboxHealthIndicator.class).health().getDetails();
                for (String name : List.of("nativeAccess", "nativeAccessMissing")) {
                    System.out.println(name + "=" + details.get(name));
                }
            });
            System.out.flush();
        }
    }
}
