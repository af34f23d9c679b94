-- Positions and every change of their stops. Ids are assigned by the one writer, so the
-- same SQL runs on SQLite and PostgreSQL.
CREATE TABLE positions (
    id            BIGINT PRIMARY KEY,
    symbol        VARCHAR(32)  NOT NULL,
    direction     VARCHAR(8)   NOT NULL,
    quantity      VARCHAR(40)  NOT NULL,
    entry_price   DOUBLE PRECISION,
    config        TEXT         NOT NULL,
    peak          DOUBLE PRECISION,
    stop          DOUBLE PRECISION,
    last_price    DOUBLE PRECISION,
    last_time     BIGINT       NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    exit_price    DOUBLE PRECISION,
    exit_reason   VARCHAR(64),
    opened_at     BIGINT       NOT NULL,
    closed_at     BIGINT,
    exchange_stop VARCHAR(40)
);

CREATE INDEX positions_status ON positions (status);

CREATE TABLE stop_events (
    position_id BIGINT      NOT NULL REFERENCES positions (id),
    seq         INTEGER     NOT NULL,
    time        BIGINT      NOT NULL,
    type        VARCHAR(24) NOT NULL,
    price       DOUBLE PRECISION,
    old_stop    DOUBLE PRECISION,
    new_stop    DOUBLE PRECISION,
    detail      TEXT,
    PRIMARY KEY (position_id, seq)
);
