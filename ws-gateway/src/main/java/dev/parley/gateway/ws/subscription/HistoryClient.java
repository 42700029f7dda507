package dev.parley.gateway.ws.subscription;

import dev.parley.gateway.ws.GatewayProperties;
import dev.parley.gateway.ws.membership.RoomDirectory;
import java.net.http.HttpClient;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Reads room history from message-service with the user's own token: the head ({@code headSeq}) and
 * the backlog of a resume. message-service answers from its recent-history cache when it can, else
 * from PostgreSQL. Read access was already decided by room-service; a 404 here means message-service
 * has not yet learned of a room that was just created, which therefore has no messages.
 */
@Component
class HistoryClient {

    private final RestClient client;

    HistoryClient(GatewayProperties gateway) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(gateway.callTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(gateway.callTimeout());
        this.client = RestClient.builder().baseUrl(gateway.messageServiceUrl()).requestFactory(requests).build();
    }

    /** The seq of the room's newest message; 0 for an empty room. */
    long headSeq(UUID roomId, String accessToken) {
        return get(roomId, accessToken, "/api/rooms/{roomId}/messages?limit=1").lastSeq();
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
                throw new RoomDirectory.LookupFailedException("message-service answered no page", null);
            }
            return page;
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                return HistoryMessage.Page.EMPTY;
            }
            if (e.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
                throw new RoomDirectory.TokenRefusedException();
            }
            throw new RoomDirectory.LookupFailedException("message-service answered " + e.getStatusCode(), e);
        } catch (RestClientException e) {
            throw new RoomDirectory.LookupFailedException("message-service unreachable", e);
        }
    }
}
