package dev.parley.room.room;

import dev.parley.room.web.Text;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

record CreateRoomRequest(
        @NotBlank @Text(max = 100) String name,
        @Text(max = 500) String topic,
        @NotNull @Pattern(regexp = "public|private", message = "must be \"public\" or \"private\"") String visibility) {

    Visibility visibilityValue() {
        return Visibility.fromWireName(visibility);
    }
}
