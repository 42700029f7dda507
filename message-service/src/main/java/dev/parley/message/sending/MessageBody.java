package dev.parley.message.sending;

/**
 * The contract's rules for a message body (§2): 1–4000 Unicode code points, at least one that is not
 * White_Space, and no control character (category Cc) other than tab, CR and LF. Otherwise verbatim.
 */
public final class MessageBody {

    public static final int MAX_CODE_POINTS = 4000;

    private MessageBody() {
    }

    public static boolean isValid(String body) {
        if (body == null || body.isEmpty()) {
            return false;
        }
        int codePoints = 0;
        boolean visible = false;
        for (int i = 0; i < body.length(); ) {
            int codePoint = body.codePointAt(i);
            i += Character.charCount(codePoint);
            if (++codePoints > MAX_CODE_POINTS || isRefused(codePoint)) {
                return false;
            }
            visible |= !isWhiteSpace(codePoint);
        }
        return visible;
    }

    private static boolean isRefused(int codePoint) {
        int type = Character.getType(codePoint);
        boolean control = type == Character.CONTROL && codePoint != '\t' && codePoint != '\r' && codePoint != '\n';
        // A lone surrogate is not a Unicode scalar value: it cannot be stored as UTF-8.
        return control || type == Character.SURROGATE;
    }

    /** The Unicode White_Space property: Zs, Zl, Zp plus U+0009–U+000D and U+0085. */
    private static boolean isWhiteSpace(int codePoint) {
        return Character.isSpaceChar(codePoint) || (codePoint >= 0x09 && codePoint <= 0x0D) || codePoint == 0x85;
    }
}
