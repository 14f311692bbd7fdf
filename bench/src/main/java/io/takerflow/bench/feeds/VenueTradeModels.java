package io.takerflow.bench.feeds;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The baseline's data model: trade POJOs per venue as the popular Java exchange libraries map them with Jackson
 * databind (decimals as {@link BigDecimal}, unknown fields ignored).
 */
final class VenueTradeModels
{
    private VenueTradeModels()
    {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class BinanceEnvelope
    {
        public String stream;
        public BinanceTrade data;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class BinanceTrade
    {
        @JsonProperty("e") public String eventType;
        @JsonProperty("E") public long eventTime;
        @JsonProperty("s") public String symbol;
        @JsonProperty("a") public long aggregateId;
        @JsonProperty("t") public long tradeId;
        @JsonProperty("p") public BigDecimal price;
        @JsonProperty("q") public BigDecimal quantity;
        @JsonProperty("T") public long tradeTime;
        @JsonProperty("m") public boolean buyerIsMaker;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class CoinbaseMatch
    {
        public String type;
        @JsonProperty("trade_id") public long tradeId;
        public String side;
        public BigDecimal size;
        public BigDecimal price;
        @JsonProperty("product_id") public String productId;
        public String time;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class CoinbaseAdvancedMessage
    {
        public String channel;
        public List<CoinbaseAdvancedEvent> events;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class CoinbaseAdvancedEvent
    {
        public String type;
        public List<CoinbaseAdvancedTrade> trades;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class CoinbaseAdvancedTrade
    {
        @JsonProperty("product_id") public String productId;
        @JsonProperty("trade_id") public String tradeId;
        public BigDecimal price;
        public BigDecimal size;
        public String time;
        public String side;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class BybitMessage
    {
        public String topic;
        public List<BybitTrade> data;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class BybitTrade
    {
        @JsonProperty("T") public long time;
        @JsonProperty("s") public String symbol;
        @JsonProperty("S") public String side;
        @JsonProperty("v") public BigDecimal size;
        @JsonProperty("p") public BigDecimal price;
        @JsonProperty("i") public String tradeId;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class OkxMessage
    {
        public OkxArg arg;
        public List<OkxTrade> data;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class OkxArg
    {
        public String channel;
        public String instId;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class OkxTrade
    {
        public String instId;
        public String tradeId;
        public BigDecimal px;
        public BigDecimal sz;
        public String side;
        public long ts;
    }
}
