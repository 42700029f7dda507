package dev.parley.gateway.api;

import java.util.List;

/**
 * Every HTTP endpoint of contract §2 and §6, as clients call it through the edge, with the service that owns
 * it: what the routes must reach ({@code RoutingTests}) and what the merged API reference must
 * describe ({@code ApiDocsTests}). Path variables are written as the contract writes them.
 */
final class ContractEndpoints {

    record Endpoint(String method, String path, String service) {

        /** The path with every variable as {@code {}}: services name them differently ({id}, {roomId}). */
        String shape() {
            return shapeOf(path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Endpoint> ALL = List.of(
            new Endpoint("POST", "/api/auth/register", "auth"),
            new Endpoint("POST", "/api/auth/login", "auth"),
            new Endpoint("POST", "/api/auth/refresh", "auth"),
            new Endpoint("POST", "/api/auth/logout", "auth"),
            new Endpoint("GET", "/api/users/me", "auth"),
            new Endpoint("PATCH", "/api/users/me", "auth"),
            new Endpoint("GET", "/api/users/{id}", "auth"),
            new Endpoint("GET", "/api/users", "auth"),
            new Endpoint("GET", "/.well-known/jwks.json", "auth"),
            new Endpoint("GET", "/.well-known/openid-configuration", "auth"),
            new Endpoint("POST", "/api/rooms", "rooms"),
            new Endpoint("POST", "/api/rooms/direct", "rooms"),
            new Endpoint("GET", "/api/rooms", "rooms"),
            new Endpoint("GET", "/api/rooms/{id}", "rooms"),
            new Endpoint("PATCH", "/api/rooms/{id}", "rooms"),
            new Endpoint("DELETE", "/api/rooms/{id}", "rooms"),
            new Endpoint("GET", "/api/rooms/{id}/members", "rooms"),
            new Endpoint("POST", "/api/rooms/{id}/members", "rooms"),
            new Endpoint("DELETE", "/api/rooms/{id}/members/{userId}", "rooms"),
            new Endpoint("PUT", "/api/rooms/{id}/members/{userId}/role", "rooms"),
            new Endpoint("POST", "/api/rooms/{id}/bans", "rooms"),
            new Endpoint("DELETE", "/api/rooms/{id}/bans/{userId}", "rooms"),
            new Endpoint("GET", "/api/rooms/{id}/messages", "messages"),
            new Endpoint("POST", "/api/rooms/{id}/messages", "messages"),
            new Endpoint("PATCH", "/api/rooms/{id}/messages/{seq}", "messages"),
            new Endpoint("DELETE", "/api/rooms/{id}/messages/{seq}", "messages"),
            new Endpoint("PUT", "/api/rooms/{id}/read", "messages"),
            new Endpoint("GET", "/api/me/unread", "messages"),
            new Endpoint("GET", "/api/search/messages", "messages"),
            new Endpoint("GET", "/api/rooms/{id}/messages/{seq}/thread", "messages"),
            new Endpoint("PUT", "/api/rooms/{id}/messages/{seq}/reactions/{emoji}", "messages"),
            new Endpoint("DELETE", "/api/rooms/{id}/messages/{seq}/reactions/{emoji}", "messages"),
            new Endpoint("GET", "/api/me/mentions", "messages"),
            new Endpoint("POST", "/api/files", "messages"),
            new Endpoint("GET", "/api/files/{id}", "messages"),
            new Endpoint("GET", "/api/rooms/{id}/presence", "presence"));

    static String shapeOf(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    private ContractEndpoints() {
    }
}
