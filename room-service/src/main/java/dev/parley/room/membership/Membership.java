package dev.parley.room.membership;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

@Entity
@Table(name = "memberships")
@IdClass(Membership.Key.class)
class Membership implements Persistable<Membership.Key> {

    @Id
    @Column(name = "room_id")
    private UUID roomId;

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Convert(converter = RoleConverter.class)
    private Role role;

    private Instant joinedAt;

    @Transient
    private boolean isNew = true;

    protected Membership() {
    }

    Membership(UUID roomId, UUID userId, Role role, Instant joinedAt) {
        this.roomId = roomId;
        this.userId = userId;
        this.role = role;
        this.joinedAt = joinedAt;
    }

    Member toMember() {
        return new Member(userId, role, joinedAt);
    }

    UUID roomId() {
        return roomId;
    }

    Role role() {
        return role;
    }

    void changeRole(Role role) {
        this.role = role;
    }

    @Override
    public Key getId() {
        return new Key(roomId, userId);
    }

    /** Ids are assigned, so Spring Data cannot tell a new membership from a stored one by its id. */
    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        isNew = false;
    }

    record Key(UUID roomId, UUID userId) {
    }
}
