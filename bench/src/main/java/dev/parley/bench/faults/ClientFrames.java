package dev.parley.bench.faults;

/** The frames a client writes (contract §3); ids and clientMsgIds are the client's own, of [A-Za-z0-9_-]. */
final class ClientFrames {

    private ClientFrames() {
    }

    static String subscribe(String id, String roomId, long sinceSeq) {
        return "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"roomId\":\"" + roomId + "\",\"sinceSeq\":" + sinceSeq + "}";
    }

    static String unsubscribe(String roomId) {
        return "{\"type\":\"unsubscribe\",\"roomId\":\"" + roomId + "\"}";
    }

    /** A send whose frame id is its clientMsgId, so an error answering it names the send. */
    static String send(String roomId, String clientMsgId) {
        return "{\"type\":\"send\",\"id\":\"" + clientMsgId + "\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\""
                + clientMsgId + "\",\"body\":\"fault tolerance " + clientMsgId + "\"}";
    }
}
