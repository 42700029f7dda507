package dev.parley.message.sending;

/** {@code POST /api/rooms/{id}/messages}: checked by {@link MessageSending}, the contract's rules being code. */
record SendRequest(String clientMsgId, String body) {
}
