package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ratchet.live.api.ControlApi;
import io.ratchet.live.store.JdbcPositionStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlApiAuthTest {
    @TempDir
    Path dir;

    @Test
    void withATokenEveryCallMustCarryIt() throws Exception {
        try (JdbcPositionStore store = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("a.db"), null, null);
             ControlApi api = ControlApi.start("127.0.0.1", 0, "s3cret-token", null, store)) {
            HttpClient http = HttpClient.newHttpClient();
            URI u = URI.create("http://127.0.0.1:" + api.port() + "/api/positions");
            assertThat(http.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(u).header("Authorization", "Bearer wrong").build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(401);
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(u).header("Authorization", "Bearer s3cret-token").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("[]");
        }
    }

    @Test
    void bindingBeyondLoopbackWithoutATokenIsRefused() {
        try (JdbcPositionStore store = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("b.db"), null, null)) {
            assertThatThrownBy(() -> ControlApi.start("0.0.0.0", 0, null, null, store))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RATCHET_API_TOKEN");
        }
    }

    @Test
    void databaseErrorsNeverShowThePassword() {
        assertThatThrownBy(() -> JdbcPositionStore.open("jdbc:postgresql://127.0.0.1:1/x?user=u&password=hunter2", null, null))
                .hasMessageNotContaining("hunter2").hasMessageContaining("PostgreSQL");
        assertThatThrownBy(() -> JdbcPositionStore.open("jdbc:mysql://h/x", null, null)).hasMessageContaining("jdbc:sqlite");
    }
}
