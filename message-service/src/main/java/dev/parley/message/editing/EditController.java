package dev.parley.message.editing;

import dev.parley.message.history.MessageView;
import dev.parley.message.web.Callers;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EditController {

    private final MessageEditing editing;

    EditController(MessageEditing editing) {
        this.editing = editing;
    }

    @PatchMapping("/api/rooms/{roomId}/messages/{seq}")
    MessageView edit(@PathVariable UUID roomId, @PathVariable long seq, @RequestBody EditRequest request,
                     @AuthenticationPrincipal Jwt caller) {
        return editing.edit(roomId, seq, Callers.userId(caller), request);
    }

    @DeleteMapping("/api/rooms/{roomId}/messages/{seq}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID roomId, @PathVariable long seq, @AuthenticationPrincipal Jwt caller) {
        editing.delete(roomId, seq, Callers.userId(caller));
    }
}
