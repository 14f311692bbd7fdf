package io.takerflow.feeds;

/**
 * What a venue documents about its trade ids, which decides how the trade gate may use them.
 */
public enum TradeIds
{
    /**
     * Ids count up by exactly one per trade per instrument (Binance {@code t}/{@code a}, Coinbase Exchange
     * {@code trade_id}): an id at or below the last is a duplicate and a jump is a gap of known size.
     */
    CONSECUTIVE,
    /**
     * Ids only grow per instrument but skip values: an id at or below the last is a duplicate, but a jump proves
     * nothing, so an unverified interval (a reconnect) is a gap of unknown size.
     */
    INCREASING,
    /**
     * Ids are opaque strings (Bybit): never compared, so no trade is ever dropped by id; every reconnect is a gap of
     * unknown size.
     */
    NONE
}
