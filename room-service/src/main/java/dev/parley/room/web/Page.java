package dev.parley.room.web;

import java.util.List;

/** A page of a list (contract §2): {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {
}
