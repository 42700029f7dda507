package dev.parley.message.editing;

import dev.parley.message.sending.MessageView;
import dev.parley.platform.security.CurrentUser;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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
                     @CurrentUser UUID caller) {
        return editing.edit(roomId, seq, caller, request);
    }

    @DeleteMapping("/api/rooms/{roomId}/messages/{seq}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID roomId, @PathVariable long seq, @CurrentUser UUID caller) {
        editing.delete(roomId, seq, caller);
    }
}
