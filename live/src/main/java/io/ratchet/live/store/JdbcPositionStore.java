package io.ratchet.live.store;

import io.ratchet.data.config.TrailingConfigJson;
import io.ratchet.engine.Direction;
import io.ratchet.live.EventType;
import io.ratchet.live.Position;
import io.ratchet.live.PositionStatus;
import io.ratchet.live.StopEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ratchet.live.ClientIds;
import org.flywaydb.core.Flyway;

/**
 * Positions in any JDBC database: a SQLite file by default ({@code jdbc:sqlite:ratchet.db}),
 * PostgreSQL for more. The schema is migrated by Flyway on open. Connections come from a
 * HikariCP pool, so a connection the database dropped is replaced on the next call rather
 * than failing every call after it; one transaction per call, synchronized: the runner is
 * the only writer, the API reads.
 */
public final class JdbcPositionStore implements PositionStore {
    private static final String COLUMNS = "symbol, direction, quantity, entry_price, config, peak, stop, last_price, last_time, status, exit_price, "
            + "exit_reason, opened_at, closed_at, exchange_stop, pending_stop, exit_order, order_seq, entry_time, attention, id";

    private final HikariDataSource pool;
    private final String vendor;
    private String prefix;

    private JdbcPositionStore(HikariDataSource pool, String vendor) {
        this.pool = pool;
        this.vendor = vendor;
    }

    /** Opens (and migrates) the database at {@code url}; user and password may be null. */
    public static JdbcPositionStore open(String url, String user, String password) {
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db: expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB, got a URL for another database");
        }
        String vendor = url.startsWith("jdbc:sqlite:") ? "sqlite" : "postgresql";
        HikariDataSource pool = null;
        try {
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(url);
            hc.setUsername(user);
            hc.setPassword(password);
            hc.setAutoCommit(false);
            hc.setPoolName("ratchet-store");
            // A database that is gone must fail fast: the runner keeps its writes meanwhile and trades on.
            hc.setConnectionTimeout(1_000);
            hc.setValidationTimeout(500);
            hc.setInitializationFailTimeout(5_000);
            if (vendor.equals("sqlite")) {
                // One connection: SQLite has one writer; the pragmas hold per connection.
                hc.setMaximumPoolSize(1);
                hc.addDataSourceProperty("journal_mode", "WAL");
                hc.addDataSourceProperty("synchronous", "FULL");
                hc.addDataSourceProperty("foreign_keys", "true");
                hc.addDataSourceProperty("busy_timeout", "5000");
            } else {
                hc.setMaximumPoolSize(2);
                // A half-open connection would otherwise block a write for the kernel's retransmission timeout.
                hc.addDataSourceProperty("socketTimeout", "5");
                hc.addDataSourceProperty("connectTimeout", "2");
            }
            pool = new HikariDataSource(hc);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            return new JdbcPositionStore(pool, vendor);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            // The URL may hold a password: say which database failed, never the URL.
            throw new IllegalStateException("cannot open the " + (vendor.equals("sqlite") ? "SQLite" : "PostgreSQL")
                    + " database: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.replaceAll("password=[^&\\s]*", "password=***");
    }

    public String vendor() {
        return vendor;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** One transaction on a pooled connection; a failure rolls back and is said with what was being done. */
    private synchronized <T> T tx(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the pool replaces it
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: " + rootMessage(e), e);
        }
    }

    @Override
    public Position create(Position p, StopEvent opened, String idempotencyKey) {
        return tx("storing a new position", c -> {
            if (idempotencyKey != null) {
                Optional<Long> existing = keyed(c, idempotencyKey);
                if (existing.isPresent()) {
                    return query(c, "SELECT * FROM positions WHERE id = " + existing.get()).get(0);
                }
            }
            long id;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM positions")) {
                r.next();
                id = r.getLong(1);
            }
            Position withId = p.withId(id);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO positions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(s, withId);
                s.executeUpdate();
            }
            insertEvents(c, id, new StopEvent[] {opened});
            if (idempotencyKey != null) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_keys (idem_key, position_id, created_at) VALUES (?, ?, ?)")) {
                    s.setString(1, idempotencyKey);
                    s.setLong(2, id);
                    s.setLong(3, p.openedAt());
                    s.executeUpdate();
                }
            }
            return withId;
        });
    }

    private static Optional<Long> keyed(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT position_id FROM idempotency_keys WHERE idem_key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<Position> byIdempotencyKey(String key) {
        return tx("reading an idempotency key", c -> {
            Optional<Long> id = keyed(c, key);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(query(c, "SELECT * FROM positions WHERE id = " + id.get()).get(0));
        });
    }

    @Override
    public void save(Position p, StopEvent... events) {
        tx("storing position " + p.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE positions SET symbol = ?, direction = ?, quantity = ?, entry_price = ?, "
                    + "config = ?, peak = ?, stop = ?, last_price = ?, last_time = ?, status = ?, exit_price = ?, exit_reason = ?, opened_at = ?, "
                    + "closed_at = ?, exchange_stop = ?, pending_stop = ?, exit_order = ?, order_seq = ?, entry_time = ?, attention = ? WHERE id = ?")) {
                bind(s, p);
                if (s.executeUpdate() != 1) {
                    throw new SQLException("no position " + p.id());
                }
            }
            insertEvents(c, p.id(), events);
            return null;
        });
    }

    private void bind(PreparedStatement s, Position p) throws SQLException {
        s.setString(1, p.symbol());
        s.setString(2, p.direction().id());
        s.setString(3, p.quantity().toPlainString());
        setDouble(s, 4, p.entryPrice());
        s.setString(5, TrailingConfigJson.toNode(p.config()).toString());
        setDouble(s, 6, p.peak());
        setDouble(s, 7, p.stop());
        setDouble(s, 8, p.lastPrice());
        s.setLong(9, p.lastTime());
        s.setString(10, p.status().name());
        setDouble(s, 11, p.exitPrice());
        s.setString(12, p.exitReason());
        s.setLong(13, p.openedAt());
        if (p.closedAt() > 0) {
            s.setLong(14, p.closedAt());
        } else {
            s.setNull(14, Types.BIGINT);
        }
        s.setString(15, p.exchangeStop());
        s.setString(16, p.pendingStop());
        s.setString(17, p.exitOrder());
        s.setInt(18, p.orderSeq());
        s.setLong(19, p.entryTime());
        s.setString(20, p.attention());
        s.setLong(21, p.id());
    }

    private static void insertEvents(Connection c, long id, StopEvent[] events) throws SQLException {
        if (events.length == 0) {
            return;
        }
        int seq;
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM stop_events WHERE position_id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                seq = r.getInt(1);
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO stop_events (position_id, seq, time, type, price, old_stop, new_stop, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (StopEvent e : events) {
                s.setLong(1, id);
                s.setInt(2, ++seq);
                s.setLong(3, e.time());
                s.setString(4, e.type().name());
                setDouble(s, 5, e.price());
                setDouble(s, 6, e.oldStop());
                setDouble(s, 7, e.newStop());
                s.setString(8, e.detail());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void setDouble(PreparedStatement s, int i, double v) throws SQLException {
        if (v != v) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, v);
        }
    }

    private static double getDouble(ResultSet r, String col) throws SQLException {
        double v = r.getDouble(col);
        return r.wasNull() ? Double.NaN : v;
    }

    @Override
    public Optional<Position> get(long id) {
        List<Position> l = tx("reading position " + id, c -> query(c, "SELECT * FROM positions WHERE id = " + id));
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    @Override
    public List<Position> open() {
        return tx("reading open positions", c -> query(c, "SELECT * FROM positions WHERE status IN ('PENDING', 'TRAILING', 'CLOSING', 'EXIT_REFUSED') ORDER BY id"));
    }

    @Override
    public List<Position> all() {
        return tx("reading positions", c -> query(c, "SELECT * FROM positions ORDER BY id"));
    }

    private static List<Position> query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<Position> out = new ArrayList<>();
            while (r.next()) {
                long closed = r.getLong("closed_at");
                boolean noClose = r.wasNull();
                out.add(new Position(r.getLong("id"), r.getString("symbol"), Direction.parse(r.getString("direction")),
                        new BigDecimal(r.getString("quantity")), getDouble(r, "entry_price"),
                        TrailingConfigJson.parse(r.getString("config"), "positions.config"), getDouble(r, "peak"), getDouble(r, "stop"),
                        getDouble(r, "last_price"), r.getLong("last_time"), PositionStatus.valueOf(r.getString("status")),
                        getDouble(r, "exit_price"), r.getString("exit_reason"), r.getLong("opened_at"), noClose ? 0 : closed,
                        r.getString("exchange_stop"), r.getString("pending_stop"), r.getString("exit_order"), r.getInt("order_seq"),
                        r.getLong("entry_time"), r.getString("attention")));
            }
            return out;
        }
    }

    @Override
    public List<StopEvent> events(long positionId) {
        return tx("reading events of position " + positionId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM stop_events WHERE position_id = ? ORDER BY seq")) {
                s.setLong(1, positionId);
                List<StopEvent> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new StopEvent(positionId, r.getInt("seq"), r.getLong("time"), EventType.valueOf(r.getString("type")),
                                getDouble(r, "price"), getDouble(r, "old_stop"), getDouble(r, "new_stop"), r.getString("detail")));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public synchronized String clientPrefix() {
        if (prefix == null) {
            prefix = setting("client_prefix", ClientIds.newPrefix());
        }
        return prefix;
    }

    @Override
    public String setting(String name, String ifAbsent) {
        return tx("reading the setting " + name, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT setting_value FROM installation WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return r.getString(1);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO installation (name, setting_value) VALUES (?, ?)")) {
                s.setString(1, name);
                s.setString(2, ifAbsent);
                s.executeUpdate();
            }
            return ifAbsent;
        });
    }

    @Override
    public void putSetting(String name, String value) {
        tx("storing the setting " + name, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE installation SET setting_value = ? WHERE name = ?")) {
                s.setString(1, value);
                s.setString(2, name);
                if (s.executeUpdate() == 0) {
                    try (PreparedStatement i = c.prepareStatement("INSERT INTO installation (name, setting_value) VALUES (?, ?)")) {
                        i.setString(1, name);
                        i.setString(2, value);
                        i.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        pool.close();
    }
}
