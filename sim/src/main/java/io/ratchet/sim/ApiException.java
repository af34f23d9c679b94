package io.ratchet.sim;

/** A Binance error answer: HTTP status and {@code {"code": -NNNN, "msg": "..."}}. */
class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final int code;

    ApiException(int status, int code, String msg) {
        super(msg, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ApiException badRequest(int code, String msg) {
        return new ApiException(400, code, msg);
    }

    static ApiException missing(String param) {
        return badRequest(-1102, "Mandatory parameter '" + param + "' was not sent, was empty/null, or malformed.");
    }
}
