package io.ratchet.live;

import io.ratchet.live.exchange.OrderState;

/**
 * What became of placing or moving a position's exchange stop.
 *
 * @param kind   {@code PLACED} the new stop rests; {@code FILLED} the old stop had filled (the
 *               position is closed); {@code BARE} nothing rests now (the old one was canceled or
 *               gone and the new one refused); {@code KEPT} the new one was refused and the old
 *               one, if any, still rests; {@code ENDED_IN_PART} the old stop had triggered, sold
 *               part of the position and ended (expired in the match): {@code order} says how much
 */
record StopResult(Kind kind, OrderState order, String detail) {
    enum Kind { PLACED, FILLED, BARE, KEPT, ENDED_IN_PART }

    static StopResult placed(OrderState o) {
        return new StopResult(Kind.PLACED, o, null);
    }

    static StopResult filled(OrderState o) {
        return new StopResult(Kind.FILLED, o, null);
    }

    static StopResult endedInPart(OrderState old) {
        return new StopResult(Kind.ENDED_IN_PART, old, null);
    }

    static StopResult bare(String why) {
        return new StopResult(Kind.BARE, null, why);
    }

    static StopResult kept(String why) {
        return new StopResult(Kind.KEPT, null, why);
    }
}
