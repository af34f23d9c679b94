-- Client ids written before every order (write-ahead), the entry's own time, a flag for a
-- person, the installation's client id prefix, and idempotency keys of the control API.
ALTER TABLE positions ADD COLUMN pending_stop VARCHAR(40);
ALTER TABLE positions ADD COLUMN exit_order VARCHAR(40);
ALTER TABLE positions ADD COLUMN order_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE positions ADD COLUMN entry_time BIGINT NOT NULL DEFAULT 0;
ALTER TABLE positions ADD COLUMN attention TEXT;

CREATE TABLE installation (
    name          VARCHAR(32)  PRIMARY KEY,
    setting_value VARCHAR(200) NOT NULL
);

CREATE TABLE idempotency_keys (
    idem_key    VARCHAR(200) PRIMARY KEY,
    position_id BIGINT       NOT NULL REFERENCES positions (id),
    created_at  BIGINT       NOT NULL
);
