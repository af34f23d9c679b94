package io.ratchet.live.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Reading Binance's executionReport, and what makes two deliveries the same report. */
class ExecutionReportJsonTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A partial fill of a cancel-free order, in Binance's documented shape. */
    static final String TRADE = "{\"e\":\"executionReport\",\"E\":1499405658658,\"s\":\"ETHBTC\",\"c\":\"mUvoqJxFIILMdfAW5iGSOW\",\"S\":\"BUY\","
            + "\"o\":\"LIMIT\",\"f\":\"GTC\",\"q\":\"1.00000000\",\"p\":\"0.10264410\",\"P\":\"0.00000000\",\"F\":\"0.00000000\",\"g\":-1,"
            + "\"C\":\"\",\"x\":\"TRADE\",\"X\":\"PARTIALLY_FILLED\",\"r\":\"NONE\",\"i\":4293153,\"l\":\"0.40000000\",\"z\":\"0.40000000\","
            + "\"L\":\"0.10264410\",\"n\":\"0.00040000\",\"N\":\"ETH\",\"T\":1499405658657,\"t\":77,\"I\":8641984,\"w\":true,\"m\":false,"
            + "\"M\":true,\"O\":1499405658657,\"Z\":\"0.04105764\",\"Y\":\"0.04105764\",\"Q\":\"0.00000000\",\"W\":1499405658657,\"V\":\"NONE\"}";

    @Test
    void readsTheSingleLetterFields() throws Exception {
        ExecutionReport r = ExecutionReportJson.parse(JSON.readTree(TRADE));
        assertThat(r.symbol()).isEqualTo("ETHBTC");
        assertThat(r.clientOrderId()).isEqualTo("mUvoqJxFIILMdfAW5iGSOW");
        assertThat(r.origClientId()).isEmpty();
        assertThat(r.orderClientId()).isEqualTo("mUvoqJxFIILMdfAW5iGSOW");
        assertThat(r.orderId()).isEqualTo(4293153L);
        assertThat(r.side()).isEqualTo("BUY");
        assertThat(r.type()).isEqualTo("LIMIT");
        assertThat(r.executionType()).isEqualTo("TRADE");
        assertThat(r.status()).isEqualTo("PARTIALLY_FILLED");
        assertThat(r.filled()).isFalse();
        assertThat(r.lastQty()).isEqualByComparingTo("0.4");
        assertThat(r.lastPrice()).isEqualByComparingTo("0.1026441");
        assertThat(r.cumQty()).isEqualByComparingTo("0.4");
        assertThat(r.cumQuote()).isEqualByComparingTo("0.04105764");
        assertThat(r.commission()).isEqualByComparingTo("0.0004");
        assertThat(r.commissionAsset()).isEqualTo("ETH");
        assertThat(r.eventTime()).isEqualTo(1499405658658L);
        assertThat(r.transactTime()).isEqualTo(1499405658657L);
    }

    @Test
    void aCancelNamesTheCanceledOrderInBigCAndHasNoCommissionAsset() throws Exception {
        ObjectNode e = (ObjectNode) JSON.readTree(TRADE);
        e.put("x", "CANCELED").put("X", "CANCELED").put("c", "cancel-7").put("C", "stop-7").put("n", "0").putNull("N");
        ExecutionReport r = ExecutionReportJson.parse(e);
        assertThat(r.orderClientId()).isEqualTo("stop-7");
        assertThat(r.clientOrderId()).isEqualTo("cancel-7");
        assertThat(r.commissionAsset()).isNull();
    }

    @Test
    void theSameReportTwiceHasOneIdentityAndTheNextFillAnother() throws Exception {
        JsonNode a = JSON.readTree(TRADE);
        JsonNode again = JSON.readTree(TRADE.replace("\"E\":1499405658658", "\"E\":1499405658700"));
        ObjectNode next = (ObjectNode) JSON.readTree(TRADE);
        next.put("z", "0.80000000").put("t", 78);
        assertThat(ExecutionReportJson.identity(again)).isEqualTo(ExecutionReportJson.identity(a));
        assertThat(ExecutionReportJson.identity(next)).isNotEqualTo(ExecutionReportJson.identity(a));
        RecentKeys seen = new RecentKeys(2);
        assertThat(seen.firstTime(ExecutionReportJson.identity(a))).isTrue();
        assertThat(seen.firstTime(ExecutionReportJson.identity(again))).isFalse();
        assertThat(seen.firstTime(ExecutionReportJson.identity(next))).isTrue();
        assertThat(seen.firstTime("third")).isTrue();
        // only the last two are remembered: the first has been forgotten
        assertThat(seen.firstTime(ExecutionReportJson.identity(a))).isTrue();
    }
}
