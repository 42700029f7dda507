package dev.parley.gateway.ws.subscription;

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
 * Reads room history from message-service with the user's own token, so message-service decides
 * read access exactly as for the HTTP API: a room the user may not read is a 404.
 */
@Component
class HistoryClient {

    private final RestClient client;

    HistoryClient(GatewayProperties gateway, SubscriptionProperties properties) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.historyTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.historyTimeout());
        this.client = RestClient.builder().baseUrl(gateway.messageServiceUrl()).requestFactory(requests).build();
    }

    /** The newest message only: its seq is the room's {@code headSeq}. */
    HistoryMessage.Page latest(UUID roomId, String accessToken) {
        return get(roomId, accessToken, "/api/rooms/{roomId}/messages?limit=1");
    }

    HistoryMessage.Page after(UUID roomId, long afterSeq, int limit, String accessToken) {
        return get(roomId, accessToken, "/api/rooms/{roomId}/messages?after=" + afterSeq + "&limit=" + limit);
    }

    private HistoryMessage.Page get(UUID roomId, String accessToken, String uri) {
        try {
            HistoryMessage.Page page = client.get()
                    .uri(uri, roomId)
                    .headers(headers -> headers.setBearerAuth(accessToken))
                    .retrieve()
                    .body(HistoryMessage.Page.class);
            if (page == null) {
                throw new HistoryUnavailableException("empty history response", null);
            }
            return page;
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                throw new RoomNotFoundException();
            }
            throw new HistoryUnavailableException("history answered " + e.getStatusCode(), e);
        } catch (RestClientException e) {
            throw new HistoryUnavailableException("history unreachable", e);
        }
    }

    /** The room does not exist, or is private and the user is not a member (contract: same answer). */
    static class RoomNotFoundException extends RuntimeException {
        RoomNotFoundException() {
            super("room not found", null, false, false);
        }
    }

    static class HistoryUnavailableException extends RuntimeException {
        HistoryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
