/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample;

import dev.pagebox.sample.cli.Kvstore;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample's entry point. {@code java -jar sample-app.jar} starts the web app on the store the Pagebox starter
 * opens ({@code pagebox.*} properties); {@code java -jar sample-app.jar kvstore COMMAND ...} runs the command line
 * instead, without starting Spring, on the same data directory.
 */
@SpringBootApplication
public class SampleApplication {
    /**
     * Starts the app, or the command line if the first argument is {@code kvstore}.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("kvstore")) {
            Kvstore.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(SampleApplication.class, args);
    }
}
