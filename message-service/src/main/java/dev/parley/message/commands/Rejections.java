package dev.parley.message.commands;

import dev.parley.events.ErrorCode;
import dev.parley.platform.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * The HTTP answer to a refusal (contract §2): the same error code, whether the command consumer refused the
 * command or the request's own check found the refusal first.
 */
public final class Rejections {

    private Rejections() {
    }

    /**
     * @param field the request field a {@code validation_failed} refers to
     */
    public static ApiException asApiException(ErrorCode code, String field) {
        return switch (code) {
            case VALIDATION_FAILED -> ApiException.invalid(field, "not valid");
            case ROOM_NOT_FOUND -> answer(HttpStatus.NOT_FOUND, code, "No such room.");
            case MESSAGE_NOT_FOUND -> answer(HttpStatus.NOT_FOUND, code, "No such message.");
            case NOT_MEMBER -> answer(HttpStatus.FORBIDDEN, code, "Only members of the room may do this.");
            case FORBIDDEN -> answer(HttpStatus.FORBIDDEN, code, "This action is not allowed.");
            case MESSAGE_DELETED -> answer(HttpStatus.CONFLICT, code, "The message has been deleted.");
            case TOO_MANY_REACTIONS -> answer(HttpStatus.CONFLICT, code,
                    "The message has as many different reactions as it may have.");
            case FILE_NOT_FOUND -> answer(HttpStatus.NOT_FOUND, code, "No such file.");
            case FILE_TOO_LARGE -> answer(HttpStatus.CONTENT_TOO_LARGE, code, "The file is larger than the limit.");
            // ws-gateway's own codes never refuse a command of message-service: if one does, it is a bug.
            case INVALID_FRAME, UNKNOWN_TYPE, UNAUTHORIZED, ORIGIN_NOT_ALLOWED, RATE_LIMITED, TOO_MANY_SUBSCRIPTIONS,
                 INTERNAL ->
                    answer(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL, "The command could not be handled.");
        };
    }

    private static ApiException answer(HttpStatus status, ErrorCode code, String detail) {
        return new ApiException(status, code.wireName(), detail);
    }
}
