package io.ratchet.data.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** freqtrade's candle JSON: {@code [[ms, open, high, low, close, volume], ...]}, streamed. */
final class FreqtradeJsonParser {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String[] COLUMNS = {"time", "open", "high", "low", "close", "volume"};

    private FreqtradeJsonParser() {
    }

    static int parse(byte[] buf, int length, String name, int fileIndex, KlineBuffer out) {
        int rows = 0;
        try (JsonParser p = FACTORY.createParser(buf, 0, length)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new KlineFormatException(name + ": not a freqtrade candle list. " + Layouts.READ);
            }
            double[] v = new double[6];
            JsonToken candle;
            while ((candle = p.nextToken()) == JsonToken.START_ARRAY) {
                int line = p.currentLocation().getLineNr();
                long time = 0;
                int k = 0;
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw new KlineFormatException(name + ": line " + line + ": unexpected end of file");
                    }
                    if (k >= 6) {
                        throw new KlineFormatException(name + ": line " + line + ": candle " + (rows + 1)
                                + " has more than 6 values [ms, open, high, low, close, volume]");
                    }
                    if (!t.isNumeric() || (k == 0 && t != JsonToken.VALUE_NUMBER_INT)) {
                        throw new KlineFormatException(name + ": line " + line + ": candle " + (rows + 1) + ", field "
                                + COLUMNS[k] + ": not a " + (k == 0 ? "whole number of ms" : "number") + ": " + p.getText());
                    }
                    if (k == 0) {
                        time = p.getLongValue();
                    } else {
                        v[k] = p.getDoubleValue();
                    }
                    k++;
                }
                if (k != 6) {
                    throw new KlineFormatException(name + ": line " + line + ": candle " + (rows + 1) + " has " + k
                            + " values, expected 6 [ms, open, high, low, close, volume]");
                }
                out.add(time, v[1], v[2], v[3], v[4], v[5], fileIndex, line);
                rows++;
            }
            if (candle != JsonToken.END_ARRAY) {
                throw new KlineFormatException(name + ": line " + p.currentLocation().getLineNr()
                        + ": expected a candle [ms, open, high, low, close, volume], found " + candle + ". " + Layouts.READ);
            }
        } catch (JsonProcessingException e) {
            throw new KlineFormatException(name + ": line " + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new KlineFormatException(name + ": cannot read: " + e.getMessage(), e);
        }
        return rows;
    }
}
