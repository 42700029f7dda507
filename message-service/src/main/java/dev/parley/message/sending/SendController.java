package dev.parley.message.sending;

import dev.parley.message.sending.MessageSending.SendResult;
import dev.parley.platform.security.CurrentUser;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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
    @PostMapping("/api/rooms/{roomId}/messages")
    ResponseEntity<Object> send(@PathVariable UUID roomId, @RequestBody SendRequest request,
                                @CurrentUser UUID caller) {
        return switch (sending.send(roomId, caller, request)) {
            case SendResult.Stored stored -> ResponseEntity.status(HttpStatus.CREATED).body(stored.message());
            case SendResult.Pending pending -> ResponseEntity.status(HttpStatus.ACCEPTED).body(pending);
        };
    }
}
