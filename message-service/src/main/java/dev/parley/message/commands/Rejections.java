package dev.parley.message.commands;

import dev.parley.platform.web.ApiException;
import org.springframework.http.HttpStatus;

/** The HTTP answer to a command the consumer refused: its reason is the contract's error code. */
public final class Rejections {

    private Rejections() {
    }

    /**
     * @param field the request field a {@code validation_failed} refers to
     */
    public static ApiException asApiException(String reason, String field) {
        return switch (reason) {
            case "validation_failed" -> ApiException.invalid(field, "not valid");
            case "room_not_found" -> new ApiException(HttpStatus.NOT_FOUND, reason, "No such room.");
            case "message_not_found" -> new ApiException(HttpStatus.NOT_FOUND, reason, "No such message.");
            case "not_member" -> new ApiException(HttpStatus.FORBIDDEN, reason, "Only members of the room may do this.");
            case "forbidden" -> new ApiException(HttpStatus.FORBIDDEN, reason, "This action is not allowed.");
            case "message_deleted" -> new ApiException(HttpStatus.CONFLICT, reason, "The message has been deleted.");
            default -> new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "The command could not be handled.");
        };
    }
}
