package dev.parley.message.sending;

import java.util.regex.Pattern;

/** The client's id of a message (§2): 1–64 of {@code [A-Za-z0-9_-]}, unique per sender and room. */
public final class ClientMsgId {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private ClientMsgId() {
    }

    public static boolean isValid(String clientMsgId) {
        return clientMsgId != null && FORMAT.matcher(clientMsgId).matches();
    }
}
