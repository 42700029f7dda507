package dev.parley.bench.api;

/** A registered, logged-in bench user: {@code index} is its place in the run's user list. */
public record BenchUser(int index, String id, String username, String token) {
}
