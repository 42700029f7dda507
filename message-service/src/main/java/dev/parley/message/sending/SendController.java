package dev.parley.message.sending;

import dev.parley.message.sending.MessageSending.SendResult;
import dev.parley.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SendController {

    private final MessageSending sending;

    SendController(MessageSending sending) {
        this.sending = sending;
    }

    /** 201 with the Message once it is stored (≤ 5 s), else 202 {@code {clientMsgId}}: it will be. */
    @Operation(summary = "Send a message to a room (members): the same pipeline, order and idempotency as a "
            + "WebSocket send; a retry with the same clientMsgId is answered with the original message",
            responses = {
                    @ApiResponse(responseCode = "201", description = "the Message, stored (also: a retry's original)",
                            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                    schema = @Schema(implementation = MessageView.class))),
                    @ApiResponse(responseCode = "202", description = "{clientMsgId}: not stored within 5 s, but it will be",
                            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                    schema = @Schema(implementation = SendResult.Pending.class))),
                    @ApiResponse(responseCode = "400", description = "validation_failed (clientMsgId, body, attachments, "
                            + "threadRoot: also a reply to a reply)"),
                    @ApiResponse(responseCode = "403", description = "not_member"),
                    @ApiResponse(responseCode = "404", description = "room_not_found, message_not_found (no such threadRoot)"),
                    @ApiResponse(responseCode = "503", description = "service_unavailable: the send could not be "
                            + "taken; retrying with the same clientMsgId is safe")})
    @PostMapping("/api/rooms/{roomId}/messages")
    ResponseEntity<Object> send(@PathVariable UUID roomId, @RequestBody SendRequest request,
                                @CurrentUser UUID caller) {
        return switch (sending.send(roomId, caller, request)) {
            case SendResult.Stored stored -> ResponseEntity.status(HttpStatus.CREATED).body(stored.message());
            case SendResult.Pending pending -> ResponseEntity.status(HttpStatus.ACCEPTED).body(pending);
        };
    }
}
