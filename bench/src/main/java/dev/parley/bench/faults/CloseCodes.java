package dev.parley.bench.faults;

import dev.parley.events.CloseCode;

/**
 * Judges a close a client saw against contract §3 ({@link CloseCode}). A well-behaved client may be closed 4001
 * (token), 4009 (slow consumer), 1011 or 1012; it is never closed 4008 (it keeps to the allowance), 1003, 1009
 * or 4003 (it sends no binary or oversized frame, its account is not disabled). A connection that ends
 * without a close frame is what a kill -9 of the very process the socket goes to looks like — from
 * anyone else (an edge that outlives the gateway behind it) it is a close code the contract does not list.
 */
final class CloseCodes {

    static final int NO_CLOSE_FRAME = -1;

    enum Verdict { EXPECTED, NEVER_FOR_A_WELL_BEHAVED_CLIENT, NOT_IN_CONTRACT }

    private CloseCodes() {
    }

    /** @param peerKilled the process the client's socket goes to is the one that was killed */
    static Verdict judge(int code, boolean peerKilled) {
        if (code == NO_CLOSE_FRAME) {
            return peerKilled ? Verdict.EXPECTED : Verdict.NOT_IN_CONTRACT;
        }
        return CloseCode.ofCode(code).map(listed -> switch (listed) {
            case UNAUTHORIZED, SLOW_CONSUMER, INTERNAL, SERVER_RESTARTING -> Verdict.EXPECTED;
            case POLICY, BINARY_FRAME, FRAME_TOO_LARGE, ACCOUNT_DISABLED -> Verdict.NEVER_FOR_A_WELL_BEHAVED_CLIENT;
        }).orElse(Verdict.NOT_IN_CONTRACT);
    }

    static String describe(int code) {
        return code == NO_CLOSE_FRAME ? "no close frame" : Integer.toString(code);
    }
}
