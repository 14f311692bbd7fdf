package io.takerflow.engine.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The slot is written through setters named like its fields, and emptying it for a new event forgets the old one.
 */
final class InputEventTest
{
    @Test
    void aTradeWrittenFieldByFieldReadsBackFieldByField()
    {
        final InputEvent slot = new InputEvent().trade()
            .venue(Venue.COINBASE)
            .instrumentId(7)
            .exchangeTimeNs(11)
            .receiveTimeNs(13)
            .priceMantissa(9_512_340)
            .priceScale(2)
            .quantityMantissa(15)
            .quantityScale(3)
            .takerSide(TakerSide.SELL)
            .tradeId(17);

        assertThat(slot.type()).isEqualTo(EventType.TRADE);
        assertThat(slot.venue()).isEqualTo(Venue.COINBASE);
        assertThat(slot.instrumentId()).isEqualTo(7);
        assertThat(slot.exchangeTimeNs()).isEqualTo(11);
        assertThat(slot.receiveTimeNs()).isEqualTo(13);
        assertThat(slot.price()).isEqualTo(95_123.40);
        assertThat(slot.quantity()).isEqualTo(0.015);
        assertThat(slot.takerSide()).isEqualTo(TakerSide.SELL);
        assertThat(slot.tradeId()).isEqualTo(17);
        assertThat(slot.toString()).startsWith("TRADE{coinbase #7 SELL 0.015 @ 95123.40 id=17 t=11");
    }

    @Test
    void emptyingTheSlotForATradeForgetsEveryFieldOfTheEventBefore()
    {
        final InputEvent slot = new InputEvent();
        slot.feedStatus().venue(Venue.OKX).instrumentId(3).feedState(FeedState.GAP).missingCount(5).receiveTimeNs(99)
            .mark(InputEvent.BACKFILL_DONE, 4);
        slot.stampPublished(123);

        slot.trade().venue(Venue.BINANCE_USDM).instrumentId(0);

        assertThat(slot.feedState()).isEqualTo(FeedState.CONNECTED);
        assertThat(slot.missingCount()).isZero();
        assertThat(slot.marks()).isZero();
        assertThat(slot.recoveredCount()).isZero();
        assertThat(slot.receiveTimeNs()).isZero();
        assertThat(slot.publishedNs()).isZero();
    }

    @Test
    void aHistorySampleHasItsOwnVolumesAndNoPrice()
    {
        final InputEvent slot = new InputEvent().trade().priceMantissa(100).priceScale(0).quantityMantissa(2);

        slot.historySample().venue(Venue.BINANCE_USDM).instrumentId(1).exchangeTimeNs(60).receiveTimeNs(61)
            .buyVolumeMantissa(1_500).buyVolumeScale(1).sellVolumeMantissa(25).sellVolumeScale(0);

        assertThat(slot.type()).isEqualTo(EventType.HISTORY_SAMPLE);
        assertThat(slot.buyVolume()).isEqualTo(150.0);
        assertThat(slot.sellVolume()).isEqualTo(25.0);
        assertThat(slot.price()).isZero();
        assertThat(slot.quantity()).isZero();
        assertThat(new InputEvent().copyFrom(slot).buyVolumeMantissa()).isEqualTo(1_500);
        assertThat(slot.toString()).contains("buy=150.0 sell=25 open=60");
    }
}
