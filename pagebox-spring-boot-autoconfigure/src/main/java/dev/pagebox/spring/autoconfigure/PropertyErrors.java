/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginProvider;
import org.springframework.core.env.Environment;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

/**
 * Binding errors on {@code pagebox.*} properties as the user wrote them. Boot's report prints a field error as
 * "Property: OBJECT.FIELD", "Value: REJECTED" and "Origin: ..."; a plain {@link Errors#rejectValue} would print the
 * Java field ({@code pagebox.wal.flushInterval}), the bound value ({@code PT2M}) and, for a nested property, no
 * origin. These errors carry the kebab-case name, the value as written ({@code 2m}) and where it was set.
 */
final class PropertyErrors {
    private static final String CODE = "pagebox.invalid";

    private final Errors errors;
    private final @Nullable Environment environment;

    PropertyErrors(Errors errors, @Nullable Environment environment) {
        this.errors = errors;
        this.environment = environment;
    }

    /**
     * Rejects a property.
     *
     * @param property its name under {@code pagebox}, in kebab case ({@code wal.flush-interval})
     * @param bound its bound value, shown if the environment does not have the value as written
     * @param rule what the value must be ("must be ...")
     */
    void reject(String property, Object bound, String rule) {
        add(property, bound, rule, find(property));
    }

    /** Rejects an element of a list property ({@code trees[1]}), or the list if it was written as one value. */
    void rejectElement(String property, int index, Object bound, String rule) {
        String element = property + "[" + index + "]";
        ConfigurationProperty written = find(element);
        if (written == null && find(property) != null) {
            add(property, bound, rule, find(property));
        } else {
            add(element, bound, rule, written);
        }
    }

    private void add(String property, Object bound, String rule, @Nullable ConfigurationProperty written) {
        Object value = written != null ? written.getValue() : display(bound);
        String name = errors.getObjectName() + "." + property;
        String message = name + " is " + (String.valueOf(value).isBlank() ? "blank" : value) + " but " + rule;
        Origin origin = written == null ? null : written.getOrigin();
        if (errors instanceof BindingResult result) {
            result.addError(new PropertyError(errors.getObjectName(), property, value, message, origin));
        } else {
            errors.reject(CODE, message);
        }
    }

    private @Nullable ConfigurationProperty find(String property) {
        return find(environment, errors.getObjectName() + "." + property);
    }

    /**
     * A property as the environment holds it: the value as written and where it was set.
     *
     * @param environment the environment, or null outside a context
     * @param property the property's full name
     * @return the property, or null if no source sets it
     */
    static @Nullable ConfigurationProperty find(@Nullable Environment environment, String property) {
        if (environment == null) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** A bound value as a property would hold it. */
    private static Object display(Object bound) {
        return bound instanceof Duration duration ? simple(duration) : bound;
    }

    /** A duration in its largest whole unit, as a property takes it: {@code 2m}, {@code 5ms}, {@code -1s}. */
    static String simple(Duration duration) {
        List<ChronoUnit> units =
                List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS, ChronoUnit.MILLIS);
        List<String> suffixes = List.of("d", "h", "m", "s", "ms");
        for (int i = 0; i < units.size(); i++) {
            Duration unit = units.get(i).getDuration();
            if (duration.toNanos() % unit.toNanos() == 0) {
                return duration.dividedBy(unit) + suffixes.get(i);
            }
        }
        return duration.toNanos() + "ns";
    }

    /**
     * A field error that names the property in kebab case and says where it was set. Boot's
     * {@code ValidationErrors} keeps an error that is already an {@link OriginProvider} as it is.
     */
    static final class PropertyError extends FieldError implements OriginProvider {
        private static final long serialVersionUID = 1L;

        private final transient @Nullable Origin origin;

        PropertyError(
                String objectName, String property, @Nullable Object value, String message, @Nullable Origin origin) {
            super(objectName, property, value, false, new String[] {CODE}, null, message);
            this.origin = origin;
        }

        @Override
        public @Nullable Origin getOrigin() {
            return origin;
        }
    }
}
