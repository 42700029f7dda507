package dev.parley.message.files;

import dev.parley.events.message.Attachment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/** The {@code files} table (V6): uploads, their claims by messages, and the orphans nobody claimed. */
@Component
class FileStore {

    private static final String VIEW_COLUMNS = "id, name, content_type, size, created_at";

    private final JdbcClient jdbc;

    FileStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Attachment file, UUID uploaderId, String storageKey) {
        jdbc.sql("""
                        insert into files (id, uploader_id, name, content_type, size, storage_key, created_at)
                        values (:id, :uploader, :name, :contentType, :size, :storageKey, :createdAt)""")
                .param("id", file.id())
                .param("uploader", uploaderId)
                .param("name", file.name())
                .param("contentType", file.contentType())
                .param("size", file.size())
                .param("storageKey", storageKey)
                .param("createdAt", OffsetDateTime.ofInstant(file.createdAt(), ZoneOffset.UTC))
                .update();
    }

    /**
     * Holds, until the transaction ends, the one lock of this uploader's quota: their concurrent uploads are counted
     * and recorded one after another, so that none passes the quota together with another.
     */
    void lockUploader(UUID uploaderId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "parley.files.uploader/" + uploaderId)
                .query().listOfRows();
    }

    /** What counts against the uploader's quota: their unattached uploads, and their uploads since {@code since}. */
    UploadUsage usageOf(UUID uploaderId, Instant since) {
        return jdbc.sql("""
                        select unattached.bytes, unattached.oldest as oldest_unattached,
                               recent.uploads, recent.oldest as oldest_recent
                        from (select coalesce(sum(size), 0) as bytes, min(created_at) as oldest
                              from files where uploader_id = :uploader and message_id is null) unattached,
                             (select count(*) as uploads, min(created_at) as oldest
                              from files where uploader_id = :uploader and created_at > :since) recent""")
                .param("uploader", uploaderId)
                .param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .query((rs, row) -> new UploadUsage(rs.getLong("bytes"), instant(rs, "oldest_unattached"),
                        rs.getInt("uploads"), instant(rs, "oldest_recent")))
                .single();
    }

    Optional<StoredFile> find(UUID id) {
        return jdbc.sql("""
                        select f.id, f.name, f.content_type, f.size, f.created_at, f.uploader_id, f.storage_key,
                               f.room_id, coalesce(m.deleted, false) as in_deleted_message
                        from files f left join messages m on m.id = f.message_id
                        where f.id = :id""")
                .param("id", id)
                .query((rs, row) -> new StoredFile(view(rs), rs.getObject("uploader_id", UUID.class),
                        rs.getString("storage_key"), rs.getObject("room_id", UUID.class),
                        rs.getBoolean("in_deleted_message")))
                .optional();
    }

    /**
     * Attaches all of the files to the message, or none: only when each is the uploader's and attached nowhere
     * yet. The rows are locked first, so of two messages claiming the same file one gets it and the other
     * none; a claim and the orphan cleanup never both take a file either.
     */
    List<Attachment> claimAll(UUID uploaderId, List<UUID> ids, UUID roomId, UUID messageId) {
        return jdbc.sql("""
                        with claimable as (
                            select id from files
                            where id = any(:ids) and uploader_id = :uploader and message_id is null
                            for update)
                        update files
                        set room_id = :room, message_id = :message, attached_at = now(),
                            position = array_position(:ids, id) - 1
                        where id in (select id from claimable) and (select count(*) from claimable) = :count
                        returning %s""".formatted(VIEW_COLUMNS))
                .param("ids", new SqlArrayValue("uuid", ids.toArray()))
                .param("uploader", uploaderId)
                .param("room", roomId)
                .param("message", messageId)
                .param("count", ids.size())
                .query((rs, row) -> view(rs))
                .list();
    }

    /**
     * Deletes up to {@code limit} uploads created before {@code cutoff} and never attached, returning their
     * storage keys. Rows another instance (or a claim) holds are skipped, not waited for.
     */
    List<String> deleteOrphans(Instant cutoff, int limit) {
        return jdbc.sql("""
                        delete from files where id in (
                            select id from files
                            where message_id is null and created_at < :cutoff
                            order by created_at
                            limit :limit
                            for update skip locked)
                        returning storage_key""")
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static Attachment view(ResultSet rs) throws SQLException {
        return new Attachment(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("content_type"),
                rs.getLong("size"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
