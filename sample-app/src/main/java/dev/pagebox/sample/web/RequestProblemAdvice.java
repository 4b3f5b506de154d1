/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.web;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Requests the servlet container could not fully decode, as problem details. Tomcat decodes query parameters when
 * the first is read and throws {@link InvalidParameterException} when their bytes are not UTF-8; unhandled, that
 * is Boot's plain error and an ERROR with a stack trace for what is the client's mistake.
 */
@RestControllerAdvice(assignableTypes = KvController.class)
final class RequestProblemAdvice {

    @ExceptionHandler
    ProblemDetail undecodableParameter(InvalidParameterException e, ServletWebRequest request) {
        return KvProblems.invalidParameter(
                RequestText.undecodableParameter(request.getRequest().getQueryString()));
    }
}
