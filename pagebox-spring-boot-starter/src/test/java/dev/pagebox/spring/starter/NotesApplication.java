/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.starter;

import dev.pagebox.PageboxTree;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.event.ContextPausedEvent;
import org.springframework.context.event.ContextRestartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An application on the starter, as a user writes one: a controller over a {@code PageboxTree} bean. */
@SpringBootApplication
public class NotesApplication {

    /** {@code PUT/GET /notes/{id}} on the {@code notes} tree, injected once, as applications do. */
    @RestController
    static class NotesController {
        private final PageboxTree notes;

        NotesController(@Qualifier("notes") PageboxTree notes) {
            this.notes = notes;
        }

        @PutMapping("/notes/{id}")
        ResponseEntity<Void> put(@PathVariable("id") String id, @RequestBody String text) {
            notes.put(utf8(id), utf8(text));
            return ResponseEntity.noContent().build();
        }

        @GetMapping("/notes/{id}")
        ResponseEntity<String> get(@PathVariable("id") String id) {
            byte[] text = notes.get(utf8(id));
            return text == null
                    ? ResponseEntity.notFound().build()
                    : ResponseEntity.ok(new String(text, StandardCharsets.UTF_8));
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Counts the pauses and restarts Spring's test framework gives this context. */
    @Component
    static class LifecycleEvents {
        final AtomicInteger paused = new AtomicInteger();
        final AtomicInteger restarted = new AtomicInteger();

        @EventListener
        void paused(ContextPausedEvent event) {
            paused.incrementAndGet();
        }

        @EventListener
        void restarted(ContextRestartedEvent event) {
            restarted.incrementAndGet();
        }
    }
}
