package dev.parley.message.pipeline;

import dev.parley.events.ErrorCode;
import dev.parley.events.message.Attachment;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.MessageRules;
import dev.parley.events.message.SendMessage;
import dev.parley.events.message.SendRepeated;
import dev.parley.events.message.ThreadUpdated;
import dev.parley.message.editing.EditStore;
import dev.parley.message.files.FileAttachments;
import dev.parley.message.jdbc.Query;
import dev.parley.message.mentions.MentionResolver;
import dev.parley.message.rooms.RoomAccess.Level;
import dev.parley.message.sending.MessageView;
import dev.parley.message.sending.SendKey;
import dev.parley.message.sending.SendStore;
import dev.parley.message.sending.StoredSend;
import dev.parley.message.threads.ThreadRules;
import dev.parley.message.threads.ThreadStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * SendMessage within a batch: a send already stored is answered with the stored message — original seq and
 * id. A client's resend (another command with its clientMsgId) gets {@code SendRepeated}, an answer to its origin
 * alone, so that {@code MessagePosted} stays once per message; the command that stored it, delivered again (after
 * a stop between commit and publish, when its {@code MessagePosted} may never have gone out), publishes
 * {@code MessagePosted} again. A new one gets its room's next seq and is inserted with the batch's other sends in
 * one statement. A reply (contract §6)
 * is such a message too, naming a top-level message of the room as its {@code threadRoot}; the root counts
 * it, and {@code ThreadUpdated} follows the reply's {@code MessagePosted}. Mentions are resolved against
 * the room's members as the batch runs; attachments are claimed for the new message, all or none.
 */
@Component
class SendStep {

    private final SendStore store;
    private final ThreadStore threads;
    private final MentionResolver mentions;
    private final EditStore messages;
    private final FileAttachments files;

    SendStep(SendStore store, ThreadStore threads, MentionResolver mentions, EditStore messages,
             FileAttachments files) {
        this.store = store;
        this.files = files;
        this.messages = messages;
        this.threads = threads;
        this.mentions = mentions;
    }

    /**
     * What every send of the batch stored before, as one query; it must run after the rooms are locked, so that
     * no writer can add one since.
     */
    Query<Map<SendKey, StoredSend>> storedBefore(List<SendMessage> sends) {
        return store.findAll(sends.stream().filter(SendStep::isValid).map(SendStep::key).toList());
    }

    void handle(SendMessage command, CommandBatch batch) {
        if (!isValid(command)) {
            batch.rejected(command, ErrorCode.VALIDATION_FAILED, invalidField(command));
            return;
        }
        SendKey key = key(command);
        // Before the access check: a stored message is answered even if its sender has left since.
        Optional<StoredSend> stored = batch.send(key);
        if (stored.isPresent()) {
            MessageView earlier = stored.get().message();
            if (stored.get().isResentBy(command.commandId())) {
                batch.posted(command, repeated(earlier, command));
                return;
            }
            batch.posted(command, posted(earlier, command));
            if (earlier.threadRoot() != null) {
                // The redelivery after a crash between commit and publish: the root's state, again.
                batch.queryMessages(() -> messages.find(command.roomId(), earlier.threadRoot()))
                        .ifPresent(root -> batch.alsoPublish(command, threadUpdated(root)));
            }
            return;
        }
        Level level = batch.level(command.roomId(), command.senderId());
        Optional<ErrorCode> refusal = level.refusalToSend();
        if (refusal.isPresent()) {
            batch.rejected(command, refusal.get());
            return;
        }
        if (command.threadRoot() != null) {
            Optional<ErrorCode> notARoot = ThreadRules.refuseReply(
                    batch.queryMessages(() -> messages.find(command.roomId(), command.threadRoot())));
            if (notARoot.isPresent()) {
                batch.rejected(command, notARoot.get(), "threadRoot");
                return;
            }
        }
        // Microseconds, as PostgreSQL keeps them, and after the previous message's: ids sort in the order of the sends.
        Instant createdAt = MessageIds.nextCreatedAt();
        UUID id = MessageIds.at(createdAt);
        // Claimed in the batch's transaction: if the batch rolls back, the files are free again.
        Optional<List<Attachment>> attached = files.claim(command.senderId(), command.attachments(), command.roomId(), id);
        if (attached.isEmpty()) {
            batch.rejected(command, ErrorCode.VALIDATION_FAILED, "attachments");
            return;
        }
        MessageView message = new MessageView(id, command.roomId(), batch.room(command.roomId()).allocate(),
                command.senderId(), command.clientMsgId(), command.body(), createdAt, null, false, command.threadRoot(), 0,
                null, List.of(), mentions.mentioned(command.roomId(), command.body()), attached.get());
        batch.plan(key, new StoredSend(message, command.commandId()));
        batch.posted(command, posted(message, command));
        if (command.threadRoot() != null) {
            MessageView root = batch.queryMessages(() -> threads.addReply(command.roomId(), command.threadRoot(), createdAt));
            batch.changed(root);
            batch.alsoPublish(command, threadUpdated(root));
        }
    }

    /**
     * Whether this send can be handled from the batch's reads alone (ADR 0045): valid, not a reply, without
     * attachments or anything that looks like a mention — each of which reads the database on its own.
     */
    static boolean needsOnlyTheBatchReads(SendMessage command) {
        return isValid(command) && command.threadRoot() == null && command.attachments().isEmpty()
                && MessageRules.mentionCandidates(command.body()).isEmpty();
    }

    /** The statements that insert the batch's planned sends: {@link CommandBatch} says when. */
    List<Query<Integer>> inserts(List<StoredSend> planned) {
        return store.insertAll(planned);
    }

    private static MessagePosted posted(MessageView message, SendMessage command) {
        return new MessagePosted(message.roomId(), message.seq(), message.id(), message.senderId(),
                message.clientMsgId(), message.body(), message.createdAt(), command.commandId(), command.origin(),
                message.threadRoot(), message.mentions(), message.attachments());
    }

    private static SendRepeated repeated(MessageView message, SendMessage command) {
        return new SendRepeated(message.roomId(), message.seq(), message.id(), message.senderId(), message.clientMsgId(),
                message.createdAt(), command.commandId(), command.origin());
    }

    private static ThreadUpdated threadUpdated(MessageView root) {
        return new ThreadUpdated(root.roomId(), root.seq(), root.replyCount(), root.lastReplyAt());
    }

    private static boolean isValid(SendMessage command) {
        return command.senderId() != null && invalidField(command) == null;
    }

    /** The first field of the send that breaks the contract's rules (§3, §6), or null. */
    private static String invalidField(SendMessage command) {
        if (!MessageRules.isClientMsgId(command.clientMsgId())) {
            return "clientMsgId";
        }
        if (MessageRules.bodyProblem(command.body(), command.attachments().size()).isPresent()) {
            return "body";
        }
        if (MessageRules.attachmentsProblem(command.attachments()).isPresent()) {
            return "attachments";
        }
        return command.threadRoot() != null && command.threadRoot() <= 0 ? "threadRoot" : null;
    }

    private static SendKey key(SendMessage command) {
        return new SendKey(command.roomId(), command.senderId(), command.clientMsgId());
    }
}
