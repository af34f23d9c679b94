package io.ratchet.sim;

/** How a reply is lost after the exchange acted on the request. */
public enum LostReply {
    /** Answered 503 -1000: the client cannot tell whether anything happened. */
    STATUS_503,
    /** The TCP connection closed with no reply at all. */
    CLOSE
}
