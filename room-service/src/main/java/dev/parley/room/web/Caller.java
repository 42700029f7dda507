package dev.parley.room.web;

import java.util.UUID;

/** The caller as the access token names them: {@code sub} and {@code preferred_username}. */
public record Caller(UUID id, String username) {
}
