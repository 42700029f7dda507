package dev.parley.gateway.ws.protocol;

import java.util.regex.Pattern;

/**
 * The contract's rules for what a client may send (§2 Messages): checked at the gateway so a bad
 * frame is answered at once instead of travelling through Kafka to be rejected.
 */
final class MessageRules {

    static final int MAX_BODY_CODE_POINTS = 4000;

    private static final Pattern CLIENT_MSG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private MessageRules() {
    }

    static boolean isUuid(String text) {
        return UUID_TEXT.matcher(text).matches();
    }

    static boolean isClientMsgId(String text) {
        return CLIENT_MSG_ID.matcher(text).matches();
    }

    /** Why the body is refused, or {@code null} when it is acceptable. */
    static String bodyProblem(String body) {
        int codePoints = body.codePointCount(0, body.length());
        if (codePoints == 0 || codePoints > MAX_BODY_CODE_POINTS) {
            return "body must be 1-" + MAX_BODY_CODE_POINTS + " code points";
        }
        boolean blank = true;
        for (int i = 0; i < body.length(); ) {
            int cp = body.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.CONTROL && cp != '\t' && cp != '\r' && cp != '\n') {
                return "body must not contain control characters other than tab, CR and LF";
            }
            if (type == Character.SURROGATE) {
                return "body must be valid Unicode (unpaired surrogate)";
            }
            blank &= isWhiteSpace(cp);
            i += Character.charCount(cp);
        }
        return blank ? "body must not be blank" : null;
    }

    /** Unicode White_Space: Java's whitespace plus the no-break spaces it leaves out. */
    private static boolean isWhiteSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }
}
