package dev.parley.gateway.ws.membership;

import dev.parley.gateway.ws.GatewayProperties;
import java.net.http.HttpClient;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Asks room-service about a room with the user's own token, so room-service applies the user's own
 * rights: {@code GET /api/rooms/{id}} answers the Room (with {@code myRole} for a member), or 404 for
 * a room that does not exist or is private to others.
 */
@Component
public class RoomDirectory {

    private final RestClient client;

    RoomDirectory(GatewayProperties gateway) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(gateway.callTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(gateway.callTimeout());
        this.client = RestClient.builder().baseUrl(gateway.roomServiceUrl()).requestFactory(requests).build();
    }

    public RoomView room(UUID roomId, String accessToken) {
        try {
            RoomView room = client.get()
                    .uri("/api/rooms/{roomId}", roomId)
                    .headers(headers -> headers.setBearerAuth(accessToken))
                    .retrieve()
                    .body(RoomView.class);
            if (room == null) {
                throw new LookupFailedException("room-service answered no room", null);
            }
            return room;
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                throw new RoomNotFoundException();
            }
            if (e.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
                throw new TokenRefusedException();
            }
            throw new LookupFailedException("room-service answered " + e.getStatusCode(), e);
        } catch (RestClientException e) {
            throw new LookupFailedException("room-service unreachable", e);
        }
    }

    /** The room does not exist, or is private and the user is not a member (contract: same answer). */
    public static class RoomNotFoundException extends RuntimeException {
        public RoomNotFoundException() {
            super("room not found", null, false, false);
        }
    }

    /** The user's token was refused (it expired between two checks): the client must re-authenticate. */
    public static class TokenRefusedException extends RuntimeException {
        public TokenRefusedException() {
            super("token refused", null, false, false);
        }
    }

    public static class LookupFailedException extends RuntimeException {
        public LookupFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
