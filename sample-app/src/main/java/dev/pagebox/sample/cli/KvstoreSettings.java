/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxOptions;
import dev.pagebox.spring.autoconfigure.PageboxProperties;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.ObjectError;

/**
 * The app's {@code pagebox.*} configuration as the command line reads it, so that both open the same store the same
 * way: the same sources, read by Boot's own code (system properties, environment variables, property options on the
 * command line, the jar's {@code application.properties}, {@code ./application.properties} and
 * {@code ./config/}, profile-specific files for {@code spring.profiles.active}, {@code spring.config.*}), bound
 * and checked as the starter binds and checks them. The command line's own options win: {@code --data-dir},
 * {@code --pool-size}, {@code --sync}, {@code --read-only}.
 *
 * @param directory the data directory
 * @param options the options to open the store with
 * @param commitMode when this command's writes return
 */
record KvstoreSettings(Path directory, PageboxOptions options, CommitMode commitMode) {
    private static final Pattern POOL_SIZE = Pattern.compile("\\bpoolSize\\b");

    /**
     * Reads the settings of this process.
     *
     * @param arguments the command line
     * @return the settings
     * @throws KvstoreArguments.UsageException if a setting is wrong, naming it and where it was set
     */
    static KvstoreSettings read(KvstoreArguments arguments) {
        return read(arguments, new StandardEnvironment());
    }

    static KvstoreSettings read(KvstoreArguments arguments, ConfigurableEnvironment environment) {
        if (!arguments.properties().isEmpty()) {
            // Boot's name for the command line's properties: the highest precedence, as in the app.
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource("commandLineArgs", new LinkedHashMap<>(arguments.properties())));
        }
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        ConfigurationPropertySources.attach(environment);
        PageboxProperties properties = bind(environment);
        PageboxOptions.Builder options = properties.toOptionsBuilder();
        if (arguments.poolSize() != null) {
            options.poolSize(arguments.poolSize().toBytes());
        }
        if (arguments.readOnly()) {
            options.readOnly(true);
        }
        PageboxOptions built;
        try {
            built = options.build();
        } catch (IllegalArgumentException e) {
            // Only --pool-size can be wrong here: the properties were checked when bound.
            throw new KvstoreArguments.UsageException(
                    POOL_SIZE.matcher(String.valueOf(e.getMessage())).replaceAll("--pool-size"));
        }
        Path directory = arguments.dataDirectory() != null ? arguments.dataDirectory() : properties.getDataDirectory();
        CommitMode commitMode = arguments.commitMode() != null
                ? arguments.commitMode()
                : properties.getWal().getCommitMode();
        return new KvstoreSettings(directory, built, commitMode);
    }

    private static PageboxProperties bind(ConfigurableEnvironment environment) {
        PageboxProperties properties = new PageboxProperties();
        properties.setEnvironment(environment);
        try {
            Binder.get(environment).bind("pagebox", Bindable.ofInstance(properties));
        } catch (BindException e) {
            throw new KvstoreArguments.UsageException(bindFailure(e));
        }
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(properties, "pagebox");
        properties.validate(properties, errors);
        if (errors.hasErrors()) {
            ObjectError error = errors.getAllErrors().getFirst();
            Origin origin = Origin.from(error);
            throw new KvstoreArguments.UsageException(
                    error.getDefaultMessage() + (origin == null ? "" : " (" + origin + ")"));
        }
        return properties;
    }

    /** "pagebox.pool-size=lots (from ...): cannot convert ..." */
    private static String bindFailure(BindException e) {
        ConfigurationProperty property = e.getProperty();
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (property == null) {
            return e.getMessage() + ": " + cause.getMessage();
        }
        return property.getName() + "=" + property.getValue()
                + (property.getOrigin() == null ? "" : " (" + property.getOrigin() + ")") + " is not valid: "
                + cause.getMessage();
    }
}
