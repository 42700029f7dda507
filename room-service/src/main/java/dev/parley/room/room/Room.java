package dev.parley.room.room;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

@Entity
@Table(name = "rooms")
class Room implements Persistable<UUID> {

    @Id
    private UUID id;

    @Convert(converter = RoomColumnConverters.KindConverter.class)
    private RoomKind kind;

    private String name;

    private String topic;

    @Convert(converter = RoomColumnConverters.VisibilityConverter.class)
    private Visibility visibility;

    private UUID ownerId;

    private int memberCount;

    private Instant createdAt;

    @Transient
    private boolean isNew = true;

    protected Room() {
    }

    private Room(UUID id, RoomKind kind, String name, String topic, Visibility visibility, UUID ownerId,
                 Instant createdAt) {
        this.id = id;
        this.kind = kind;
        this.name = name;
        this.topic = topic;
        this.visibility = visibility;
        this.ownerId = ownerId;
        this.createdAt = createdAt;
    }

    /** A new group room; its owner still has to be added as its first member. */
    static Room group(String name, String topic, Visibility visibility, UUID ownerId, Instant createdAt) {
        return new Room(UUID.randomUUID(), RoomKind.GROUP, name, topic, visibility, ownerId, createdAt);
    }

    /** A new private room of two users; {@code ownerId} is the one who opened it (no owner rights). */
    static Room direct(String name, UUID openedBy, Instant createdAt) {
        return new Room(UUID.randomUUID(), RoomKind.DIRECT, name, null, Visibility.PRIVATE, openedBy, createdAt);
    }

    /** Called with the room's row locked, so the count stays exact under concurrent joins and leaves. */
    void memberAdded() {
        memberCount++;
    }

    void memberRemoved() {
        memberCount--;
    }

    void ownerChangedTo(UUID userId) {
        ownerId = userId;
    }

    /** @return whether anything changed */
    boolean update(String name, String topic, Visibility visibility) {
        boolean changed = !name.equals(this.name) || !Objects.equals(topic, this.topic)
                || visibility != this.visibility;
        this.name = name;
        this.topic = topic;
        this.visibility = visibility;
        return changed;
    }

    boolean isPrivate() {
        return visibility == Visibility.PRIVATE;
    }

    boolean isDirect() {
        return kind == RoomKind.DIRECT;
    }

    @Override
    public UUID getId() {
        return id;
    }

    RoomKind kind() {
        return kind;
    }

    String name() {
        return name;
    }

    String topic() {
        return topic;
    }

    Visibility visibility() {
        return visibility;
    }

    UUID ownerId() {
        return ownerId;
    }

    int memberCount() {
        return memberCount;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** Ids are assigned, so Spring Data cannot tell a new room from a stored one by its id. */
    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        isNew = false;
    }
}
