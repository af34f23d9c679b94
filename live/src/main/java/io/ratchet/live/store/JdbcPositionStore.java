package io.ratchet.live.store;

import io.ratchet.data.config.TrailingConfigJson;
import io.ratchet.engine.Direction;
import io.ratchet.live.EventType;
import io.ratchet.live.Position;
import io.ratchet.live.PositionStatus;
import io.ratchet.live.StopEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * Positions in any JDBC database: a SQLite file by default ({@code jdbc:sqlite:ratchet.db}),
 * PostgreSQL for more. The schema is migrated by Flyway on open. One connection, one
 * transaction per call, synchronized: the runner is the only writer, the API reads.
 */
public final class JdbcPositionStore implements PositionStore {
    private final Connection c;
    private final String vendor;

    private JdbcPositionStore(Connection c, String vendor) {
        this.c = c;
        this.vendor = vendor;
    }

    /** Opens (and migrates) the database at {@code url}; user and password may be null. */
    public static JdbcPositionStore open(String url, String user, String password) {
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db: expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB, got a URL for another database");
        }
        try {
            Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
            Connection c = DriverManager.getConnection(url, user, password);
            String vendor = url.startsWith("jdbc:sqlite:") ? "sqlite" : "postgresql";
            if (vendor.equals("sqlite")) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=FULL");
                    s.execute("PRAGMA foreign_keys=ON");
                }
            }
            c.setAutoCommit(false);
            return new JdbcPositionStore(c, vendor);
        } catch (SQLException | RuntimeException e) {
            // The URL may hold a password: say which database failed, never the URL.
            throw new IllegalStateException("cannot open the " + (url.startsWith("jdbc:sqlite:") ? "SQLite" : "PostgreSQL")
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

    @Override
    public synchronized Position create(Position p, StopEvent opened) {
        try {
            long id;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM positions")) {
                r.next();
                id = r.getLong(1);
            }
            Position withId = new Position(id, p.symbol(), p.direction(), p.quantity(), p.entryPrice(), p.config(), p.peak(), p.stop(),
                    p.lastPrice(), p.lastTime(), p.status(), p.exitPrice(), p.exitReason(), p.openedAt(), p.closedAt(), p.exchangeStop());
            try (PreparedStatement s = c.prepareStatement("INSERT INTO positions (symbol, direction, quantity, entry_price, config, peak, stop, "
                    + "last_price, last_time, status, exit_price, exit_reason, opened_at, closed_at, exchange_stop, id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(s, withId);
                s.executeUpdate();
            }
            insertEvents(id, new StopEvent[] {opened});
            c.commit();
            return withId;
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("storing a new position failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void save(Position p, StopEvent... events) {
        try {
            try (PreparedStatement s = c.prepareStatement("UPDATE positions SET symbol = ?, direction = ?, quantity = ?, entry_price = ?, "
                    + "config = ?, peak = ?, stop = ?, last_price = ?, last_time = ?, status = ?, exit_price = ?, exit_reason = ?, opened_at = ?, "
                    + "closed_at = ?, exchange_stop = ? WHERE id = ?")) {
                bind(s, p);
                if (s.executeUpdate() != 1) {
                    throw new SQLException("no position " + p.id());
                }
            }
            insertEvents(p.id(), events);
            c.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("storing position " + p.id() + " failed: " + e.getMessage(), e);
        }
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
        s.setLong(16, p.id());
    }

    private void insertEvents(long id, StopEvent[] events) throws SQLException {
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
    public synchronized Optional<Position> get(long id) {
        List<Position> l = query("SELECT * FROM positions WHERE id = " + id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    @Override
    public synchronized List<Position> open() {
        return query("SELECT * FROM positions WHERE status IN ('PENDING', 'TRAILING', 'CLOSING') ORDER BY id");
    }

    @Override
    public synchronized List<Position> all() {
        return query("SELECT * FROM positions ORDER BY id");
    }

    private List<Position> query(String sql) {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<Position> out = new ArrayList<>();
            while (r.next()) {
                long closed = r.getLong("closed_at");
                out.add(new Position(r.getLong("id"), r.getString("symbol"), Direction.parse(r.getString("direction")),
                        new BigDecimal(r.getString("quantity")), getDouble(r, "entry_price"),
                        TrailingConfigJson.parse(r.getString("config"), "positions.config"), getDouble(r, "peak"), getDouble(r, "stop"),
                        getDouble(r, "last_price"), r.getLong("last_time"), PositionStatus.valueOf(r.getString("status")),
                        getDouble(r, "exit_price"), r.getString("exit_reason"), r.getLong("opened_at"), r.wasNull() ? 0 : closed,
                        r.getString("exchange_stop")));
            }
            c.commit();
            return out;
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("reading positions failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<StopEvent> events(long positionId) {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM stop_events WHERE position_id = ? ORDER BY seq")) {
            s.setLong(1, positionId);
            List<StopEvent> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new StopEvent(positionId, r.getInt("seq"), r.getLong("time"), EventType.valueOf(r.getString("type")),
                            getDouble(r, "price"), getDouble(r, "old_stop"), getDouble(r, "new_stop"), r.getString("detail")));
                }
            }
            c.commit();
            return out;
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("reading events failed: " + e.getMessage(), e);
        }
    }

    private void rollback() {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the next call reports it
        }
    }

    @Override
    public synchronized void close() {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
