package dev.parley.events.message;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The contract's rules for what a sender may write (§2 Messages), in one place for every side that checks
 * them: ws-gateway answers a bad frame at once, message-service refuses the command or request that
 * reaches it anyway, and a third party can check before it sends.
 * <ul>
 *   <li>a body is 1–{@value #MAX_BODY_CODE_POINTS} Unicode code points, at least one of them not
 *   White_Space, with no control character (category Cc) other than tab, CR and LF and no unpaired
 *   surrogate (not a Unicode scalar value, so not storable as UTF-8); otherwise it is kept verbatim;</li>
 *   <li>a {@code clientMsgId} is 1–64 of {@code [A-Za-z0-9_-]};</li>
 *   <li>{@code attachments} (§6) name at most {@value #MAX_ATTACHMENTS} files, each once; that the sender
 *   uploaded them and has not attached them elsewhere only message-service can tell.</li>
 * </ul>
 */
public final class MessageRules {

    public static final int MAX_BODY_CODE_POINTS = 4000;
    public static final int MAX_ATTACHMENTS = 10;
    private static final Pattern CLIENT_MSG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private MessageRules() {
    }

    public static boolean isClientMsgId(String text) {
        return text != null && CLIENT_MSG_ID.matcher(text).matches();
    }

    /** Why a {@code clientMsgId} is refused, in words for the sender; empty when it is acceptable. */
    public static Optional<String> clientMsgIdProblem(String text) {
        return isClientMsgId(text) ? Optional.empty() : Optional.of("clientMsgId must be 1-64 of [A-Za-z0-9_-]");
    }

    public static boolean isAttachmentList(List<UUID> fileIds) {
        return attachmentsProblem(fileIds).isEmpty();
    }

    /**
     * Why a list of attachments is refused, in words for the sender; empty when its shape is acceptable. They
     * are optional: no list is none.
     */
    public static Optional<String> attachmentsProblem(List<UUID> fileIds) {
        if (fileIds == null) {
            return Optional.empty();
        }
        if (fileIds.size() > MAX_ATTACHMENTS) {
            return Optional.of("at most " + MAX_ATTACHMENTS + " attachments");
        }
        if (fileIds.stream().anyMatch(Objects::isNull)) { // List.of(…).contains(null) would throw
            return Optional.of("attachments must be file ids");
        }
        if (new HashSet<>(fileIds).size() < fileIds.size()) {
            return Optional.of("attachments must not repeat a file");
        }
        return Optional.empty();
    }

    public static boolean isBody(String body) {
        return bodyProblem(body).isEmpty();
    }

    /** Why a body is refused, in words for the sender; empty when it is acceptable. */
    public static Optional<String> bodyProblem(String body) {
        if (body == null) {
            return Optional.of("body is required");
        }
        int codePoints = 0;
        boolean blank = true;
        for (int i = 0; i < body.length(); ) {
            int codePoint = body.codePointAt(i);
            i += Character.charCount(codePoint);
            codePoints++;
            int type = Character.getType(codePoint);
            if (type == Character.CONTROL && codePoint != '\t' && codePoint != '\r' && codePoint != '\n') {
                return Optional.of("body must not contain control characters other than tab, CR and LF");
            }
            if (type == Character.SURROGATE) {
                return Optional.of("body must be valid Unicode (unpaired surrogate)");
            }
            blank &= isWhiteSpace(codePoint);
        }
        if (codePoints == 0 || codePoints > MAX_BODY_CODE_POINTS) {
            return Optional.of("body must be 1-" + MAX_BODY_CODE_POINTS + " code points");
        }
        return blank ? Optional.of("body must not be blank") : Optional.empty();
    }

    /** The Unicode White_Space property: categories Zs, Zl, Zp, plus U+0009–U+000D and U+0085. */
    private static boolean isWhiteSpace(int codePoint) {
        return Character.isSpaceChar(codePoint) || (codePoint >= 0x09 && codePoint <= 0x0D) || codePoint == 0x85;
    }
}
