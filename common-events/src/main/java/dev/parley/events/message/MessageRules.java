package dev.parley.events.message;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
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
 *   <li>a reaction's {@code emoji} is 1–{@value #MAX_EMOJI_CODE_POINTS} code points: an emoji sequence, or a
 *   {@code :shortcode:} of {@code [a-z0-9_+-]}; a message has at most {@value #MAX_REACTIONS} distinct ones;</li>
 *   <li>{@code attachments} (§6) name at most {@value #MAX_ATTACHMENTS} files, each once (that the sender
 *   uploaded them and has not attached them elsewhere only message-service can tell); with one, the body may
 *   be empty;</li>
 *   <li>{@code @username} in a body (a username being 3–32 of {@code [A-Za-z0-9_.-]}, not preceded by
 *   one of those) names a user to mention, case-insensitively.</li>
 * </ul>
 */
public final class MessageRules {

    public static final int MAX_BODY_CODE_POINTS = 4000;
    public static final int MAX_EMOJI_CODE_POINTS = 64;
    public static final int MAX_REACTIONS = 20;
    public static final int MAX_ATTACHMENTS = 10;
    private static final Pattern CLIENT_MSG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SHORTCODE = Pattern.compile(":[a-z0-9_+-]+:");
    private static final Pattern KEYCAP = Pattern.compile("[0-9#*]\uFE0F?\u20E3");
    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_.-])@([A-Za-z0-9_.-]{3,32})(?![A-Za-z0-9_-])");

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
    /**
     * Whether a body may hold {@code codePoint}: no control character but tab, CR and LF, no unpaired
     * surrogate. What a body cannot hold no stored message contains (search treats it as a word break).
     */
    public static boolean mayHold(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL ? codePoint == '\t' || codePoint == '\r' || codePoint == '\n'
                : type != Character.SURROGATE;
    }

    public static Optional<String> bodyProblem(String body) {
        return bodyProblem(body, 0);
    }

    /**
     * The same for a message with {@code attachments} files: with at least one, the body may be empty
     * (but not blank-with-spaces nor otherwise invalid).
     */
    public static Optional<String> bodyProblem(String body, int attachments) {
        if (attachments > 0 && "".equals(body)) {
            return Optional.empty();
        }
        if (body == null) {
            return Optional.of("body is required");
        }
        int codePoints = 0;
        boolean blank = true;
        for (int i = 0; i < body.length(); ) {
            int codePoint = body.codePointAt(i);
            i += Character.charCount(codePoint);
            codePoints++;
            if (!mayHold(codePoint)) {
                return Optional.of(Character.getType(codePoint) == Character.SURROGATE
                        ? "body must be valid Unicode (unpaired surrogate)"
                        : "body must not contain control characters other than tab, CR and LF");
            }
            blank &= isWhiteSpace(codePoint);
        }
        if (codePoints == 0 || codePoints > MAX_BODY_CODE_POINTS) {
            return Optional.of("body must be 1-" + MAX_BODY_CODE_POINTS + " code points");
        }
        return blank ? Optional.of("body must not be blank") : Optional.empty();
    }

    public static boolean isEmoji(String emoji) {
        return emojiProblem(emoji).isEmpty();
    }

    /** Why a reaction's emoji is refused; empty when it is an emoji sequence or a {@code :shortcode:}. */
    public static Optional<String> emojiProblem(String emoji) {
        if (emoji == null || emoji.isEmpty() || emoji.codePointCount(0, emoji.length()) > MAX_EMOJI_CODE_POINTS) {
            return Optional.of("emoji must be 1-" + MAX_EMOJI_CODE_POINTS + " code points");
        }
        if (SHORTCODE.matcher(emoji).matches() || isEmojiSequence(emoji)) {
            return Optional.empty();
        }
        return Optional.of("emoji must be an emoji sequence or a :shortcode: of [a-z0-9_+-]");
    }

    /**
     * The usernames a body mentions, lower-cased, in order of first appearance, without repeats. A name
     * ending in {@code .} also yields the name without it ("thanks @ada." mentions {@code ada} if there is
     * no user {@code ada.}): the caller keeps the candidates that are users.
     */
    public static List<String> mentionCandidates(String body) {
        if (body == null || body.indexOf('@') < 0) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(body);
        while (matcher.find()) {
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            names.add(name);
            String trimmed = name.replaceAll("\\.+$", "");
            if (trimmed.length() >= 3) {
                names.add(trimmed);
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * Emoji (Emoji_Presentation or Extended_Pictographic), keycaps, regional-indicator flags, with the
     * joiners and modifiers that build sequences of them; at least one pictograph or keycap. A keycap is
     * exactly one of {@code [0-9#*]}, an optional U+FE0F, then U+20E3: a digit, {@code #} or {@code *} is
     * allowed there only, and U+20E3 nowhere else.
     */
    private static boolean isEmojiSequence(String text) {
        boolean pictograph = false;
        Matcher keycap = KEYCAP.matcher(text);
        for (int i = 0; i < text.length(); ) {
            if (keycap.region(i, text.length()).lookingAt()) {
                pictograph = true;
                i = keycap.end();
                continue;
            }
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isEmoji(cp) && (Character.isExtendedPictographic(cp) || Character.isEmojiPresentation(cp)
                    || (cp >= 0x1F1E6 && cp <= 0x1F1FF))) {
                pictograph = true;
            } else if (!(cp == 0x200D || cp == 0xFE0F || Character.isEmojiModifier(cp)
                    || (cp >= 0xE0020 && cp <= 0xE007F))) {
                return false;
            }
        }
        return pictograph;
    }

    /** The Unicode White_Space property: categories Zs, Zl, Zp, plus U+0009–U+000D and U+0085. */
    private static boolean isWhiteSpace(int codePoint) {
        return Character.isSpaceChar(codePoint) || (codePoint >= 0x09 && codePoint <= 0x0D) || codePoint == 0x85;
    }
}
