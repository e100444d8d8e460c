package dev.asiarch.app.web;

import io.grpc.StatusRuntimeException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every API error as {@code {"error": "..."}} with a status that fits it. */
@RestControllerAdvice
class ApiErrors {

    /** The body of every error the API answers. */
    record ApiError(String error) {
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        return ResponseEntity.status(e.status()).body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        String detail = e.getMostSpecificCause().getMessage();
        int newline = detail == null ? -1 : detail.indexOf('\n');
        return ResponseEntity.badRequest().body(new ApiError("the request body is not the JSON this call takes: "
                + (newline < 0 ? detail : detail.substring(0, newline))));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(new ApiError("send the body as JSON (Content-Type: application/json)"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .body(new ApiError(e.getMethod() + " is not allowed here; allowed: " + e.getSupportedHttpMethods()));
    }

    /** Temporal did not answer: the server behind the API is down or overloaded, not the request wrong. */
    @ExceptionHandler(StatusRuntimeException.class)
    ResponseEntity<ApiError> temporal(StatusRuntimeException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ApiError("Temporal did not answer ("
                + e.getStatus().getCode() + "); try again, and check the Temporal service if it persists"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noResource(NoResourceFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(new ApiError("no such resource: /" + e.getResourcePath() + "; the API lives under /api/campaigns "
                        + "and /api/experiments"));
    }
}
