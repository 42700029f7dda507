package dev.parley.room.room;

import dev.parley.room.web.Text;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/**
 * PATCH body: a field left out keeps its value; {@code "topic": null} removes the topic. A record
 * cannot tell a missing field from a null one, so each field is an {@code Optional} set only when the
 * JSON has it (null while absent).
 */
@Schema(name = "UpdateRoomRequest")
final class UpdateRoomRequest {

    private Optional<@NotBlank @Text(max = 100) String> name;
    private Optional<@Text(max = 500) String> topic;
    private Optional<@NotNull @Pattern(regexp = "public|private", message = "must be \"public\" or \"private\"") String> visibility;

    @Schema(description = "1–100 characters", requiredMode = Schema.RequiredMode.NOT_REQUIRED)
    public void setName(String name) {
        this.name = Optional.ofNullable(name);
    }

    @Schema(description = "at most 500 characters; null removes it", nullable = true,
            requiredMode = Schema.RequiredMode.NOT_REQUIRED)
    public void setTopic(String topic) {
        this.topic = Optional.ofNullable(topic);
    }

    @Schema(allowableValues = {"public", "private"}, requiredMode = Schema.RequiredMode.NOT_REQUIRED)
    public void setVisibility(String visibility) {
        this.visibility = Optional.ofNullable(visibility);
    }

    String nameOr(String current) {
        return name == null ? current : name.orElseThrow();
    }

    String topicOr(String current) {
        return topic == null ? current : topic.orElse(null);
    }

    Visibility visibilityOr(Visibility current) {
        return visibility == null ? current : Visibility.fromWireName(visibility.orElseThrow());
    }
}
