package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.parley.events.message.Attachment;
import dev.parley.events.message.DeleteMessage;
import dev.parley.events.message.EditMessage;
import dev.parley.events.message.MarkRead;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessageDeleted;
import dev.parley.events.message.MessageEdited;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.Origin;
import dev.parley.events.message.React;
import dev.parley.events.message.ReactionAdded;
import dev.parley.events.message.ReactionRemoved;
import dev.parley.events.message.ReadMarkerMoved;
import dev.parley.events.message.SendMessage;
import dev.parley.events.message.SendRepeated;
import dev.parley.events.message.ThreadUpdated;
import dev.parley.events.presence.UserOffline;
import dev.parley.events.presence.UserOnline;
import dev.parley.events.room.MemberJoined;
import dev.parley.events.room.MemberLeft;
import dev.parley.events.room.MemberRoleChanged;
import dev.parley.events.room.RoomCreated;
import dev.parley.events.room.RoomDeleted;
import dev.parley.events.room.RoomUpdated;
import dev.parley.events.room.UserBanned;
import dev.parley.events.room.UserUnbanned;
import dev.parley.events.signal.Typing;
import dev.parley.events.user.UserRegistered;
import dev.parley.events.user.UserUpdated;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compatibility of the wire contract: every event of schema version 1 has a golden JSON file of its
 * current shape. A change that removes or alters a field is a breaking change and belongs in a new
 * topic version. An additive change (new fields) updates the golden file and keeps the shape before it
 * as {@code golden/v1/earlier/<Event>.<n>.json}: each earlier shape must be part of the current one
 * and still decode.
 */
class EventCodecTests {

    private static final UUID ROOM = UUID.fromString("0b6f2a52-8d3c-4a8e-9a51-0d6c1f3b9e01");
    private static final UUID USER = UUID.fromString("5e7d0c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6");
    private static final UUID OTHER = UUID.fromString("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
    private static final UUID COMMAND = UUID.fromString("c0ffee00-1234-4abc-8def-0123456789ab");
    private static final UUID MESSAGE = UUID.fromString("d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a");
    private static final UUID FILE = UUID.fromString("f11e0000-aaaa-4bbb-8ccc-000000000001");
    private static final Instant AT = Instant.parse("2026-11-21T09:30:15.123456Z");
    private static final Instant CREATED = Instant.parse("2026-11-20T08:00:00Z");
    private static final Origin ORIGIN = new Origin("gw-1", "s-42");

    private final EventCodec codec = new EventCodec();
    private final JsonMapper json = JsonMapper.builder().build();

    static List<ParleyEvent> samples() {
        return List.of(
                new SendMessage(COMMAND, ROOM, USER, "c-1", "hello \"world\" ✓", AT, ORIGIN, 3L, List.of(FILE)),
                new EditMessage(COMMAND, ROOM, USER, 7, "edited", ORIGIN),
                new DeleteMessage(COMMAND, ROOM, USER, 7, ORIGIN),
                new MarkRead(COMMAND, ROOM, USER, 7, ORIGIN),
                new MessagePosted(ROOM, 7, MESSAGE, USER, "c-1", "hello", AT, COMMAND, ORIGIN, 3L, List.of(OTHER),
                        List.of(new Attachment(FILE, "cat.png", "image/png", 1234, CREATED))),
                new SendRepeated(ROOM, 7, MESSAGE, USER, "c-1", AT, COMMAND, ORIGIN),
                new ThreadUpdated(ROOM, 3, 2, AT),
                new ReactionAdded(ROOM, 7, "\uD83D\uDC4D", OTHER, AT),
                new ReactionRemoved(ROOM, 7, ":tada:", OTHER, AT),
                new React(COMMAND, ROOM, USER, 7, ":tada:", true, ORIGIN),
                new MessageEdited(ROOM, 7, MESSAGE, USER, "edited", AT),
                new MessageDeleted(ROOM, 7, MESSAGE, OTHER, AT),
                new ReadMarkerMoved(ROOM, USER, 7),
                new MessageRejected(COMMAND, ROOM, "c-1", "message_not_found", ORIGIN, "threadRoot"),
                new RoomCreated(ROOM, "group", "general", "all things", "public", USER, AT),
                new RoomUpdated(ROOM, "group", "general", "new topic", "private", USER, 3, CREATED, AT),
                new RoomDeleted(ROOM, AT),
                new MemberJoined(ROOM, USER, "owner", AT),
                new MemberLeft(ROOM, OTHER, "kicked", AT),
                new MemberRoleChanged(ROOM, OTHER, "admin"),
                new UserBanned(ROOM, OTHER, AT),
                new UserUnbanned(ROOM, OTHER, AT),
                new UserRegistered(USER, "alice", "Alice", AT),
                new UserUpdated(USER, "alice", "Alice L.", AT),
                new UserOnline(USER, AT),
                new UserOffline(USER, AT),
                new Typing(ROOM, USER, "gw-1", "s-42", AT));
    }

    @Test
    void everyEventTypeHasAGoldenSample() {
        Set<String> sampled = samples().stream().map(EventCodec::eventType).collect(Collectors.toSet());
        Set<String> declared = Stream.of(MessageCommand.class, MessageEvent.class,
                        dev.parley.events.room.RoomEvent.class, dev.parley.events.user.UserEvent.class,
                        dev.parley.events.presence.PresenceEvent.class, dev.parley.events.signal.SignalEvent.class)
                .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
                .map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertThat(sampled).isEqualTo(declared);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void encodingMatchesTheGoldenFile(ParleyEvent event) throws IOException {
        JsonNode golden = json.readTree(golden(EventCodec.eventType(event)));
        assertThat(json.readTree(codec.encode(event))).isEqualTo(golden);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void goldenFileDecodesToTheSameEvent(ParleyEvent event) throws IOException {
        String type = EventCodec.eventType(event);
        assertThat(codec.decode(type, golden(type), ParleyEvent.class)).isEqualTo(event);
    }

    /** Each earlier v1 shape of an event, and what it decodes to now (the fields added since are null). */
    static Stream<Arguments> earlierShapes() {
        return Stream.of(
                arguments("RoomUpdated.1", new RoomUpdated(ROOM, "general", "new topic", "private", AT)),
                arguments("SendMessage.1", new SendMessage(COMMAND, ROOM, USER, "c-1", "hello \"world\" ✓", AT, ORIGIN)),
                arguments("MessagePosted.1", new MessagePosted(ROOM, 7, MESSAGE, USER, "c-1", "hello", AT, COMMAND,
                        ORIGIN)),
                arguments("MessageRejected.1", new MessageRejected(COMMAND, ROOM, "c-1", "message_not_found", ORIGIN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("earlierShapes")
    void anEarlierShapeIsPartOfTheCurrentOneAndStillDecodes(String file, ParleyEvent decoded) throws IOException {
        String type = EventCodec.eventType(decoded);
        JsonNode earlier = json.readTree(golden("earlier/" + file));
        JsonNode current = json.readTree(golden(type));
        for (String field : earlier.propertyNames()) {
            assertThat(current.get(field)).as("%s in the current %s", field, type).isEqualTo(earlier.get(field));
        }
        assertThat(codec.decode(type, golden("earlier/" + file), ParleyEvent.class)).isEqualTo(decoded);
    }

    @Test
    void everyEarlierShapeIsChecked() throws Exception {
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(
                EventCodecTests.class.getResource("/golden/v1/earlier").toURI()))) {
            Set<String> present = files.map(file -> file.getFileName().toString().replace(".json", ""))
                    .collect(Collectors.toSet());
            Set<String> checked = earlierShapes().map(arguments -> (String) arguments.get()[0])
                    .collect(Collectors.toSet());
            assertThat(checked).isEqualTo(present);
        }
    }

    @Test
    void unknownFieldsAreIgnoredSoAdditiveChangesStayCompatible() {
        byte[] newer = ("{\"roomId\":\"" + ROOM + "\",\"userId\":\"" + USER
                + "\",\"seq\":3,\"addedInALaterVersion\":true}").getBytes(StandardCharsets.UTF_8);
        assertThat(codec.decode("ReadMarkerMoved", newer, MessageEvent.class))
                .isEqualTo(new ReadMarkerMoved(ROOM, USER, 3));
    }

    @Test
    void unknownOrForeignEventTypesAreRefused() {
        byte[] any = "{}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.decode("MessageExploded", any, MessageEvent.class))
                .isInstanceOf(UnknownEventTypeException.class);
        assertThatThrownBy(() -> codec.decode("RoomCreated", any, MessageEvent.class))
                .isInstanceOf(UnknownEventTypeException.class);
    }

    @Test
    void keysPartitionRoomEventsByRoomAndUserEventsByUser() {
        assertThat(new MessagePosted(ROOM, 1, MESSAGE, USER, "c", "b", AT, COMMAND, ORIGIN).key())
                .isEqualTo(ROOM.toString());
        assertThat(new UserOnline(USER, AT).key()).isEqualTo(USER.toString());
    }

    private static byte[] golden(String eventType) throws IOException {
        try (InputStream in = EventCodecTests.class.getResourceAsStream("/golden/v1/" + eventType + ".json")) {
            assertThat(in).as("golden file for %s", eventType).isNotNull();
            return in.readAllBytes();
        }
    }
}
