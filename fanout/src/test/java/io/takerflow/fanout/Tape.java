package io.takerflow.fanout;

import java.util.concurrent.TimeUnit;
import io.takerflow.engine.input.InputEvent;

import io.takerflow.engine.input.InputPublisher;
import io.takerflow.engine.input.TakerSide;
import io.takerflow.engine.input.Venue;

/**
 * A deterministic tape of trades stamped with tape time (never a wall clock): a balanced start that fills the
 * Z-score history, then takers selling hard while Coinbase trades at a discount, then buying hard at a premium, so
 * the BTC market goes through regime changes; every fifth trade is an ETH flow trade.
 */
final class Tape
{
    static final long START_NS = 1_760_000_000_000_000_000L;
    private static final long STEP_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Rig.Ids ids;
    private long index;

    Tape(final Rig.Ids ids)
    {
        this.ids = ids;
    }

    /**
     * @param publisher where to publish.
     * @param count     how many trades.
     */
    void play(final InputPublisher publisher, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            next(publisher);
        }
    }

    long played()
    {
        return index;
    }

    private void next(final InputPublisher publisher)
    {
        final long i = index++;
        final long time = START_NS + i * STEP_NS;
        final long phase = (i / 600) % 3;
        final boolean buy;
        final long coinbasePrice;
        if (phase == 0)
        {
            buy = (i * 7919 % 13) < 6 + (i / 37) % 2;
            coinbasePrice = 10_000_000;
        }
        else if (phase == 1)
        {
            buy = (i % 10) == 0;
            coinbasePrice = 9_990_000;
        }
        else
        {
            buy = (i % 10) != 0;
            coinbasePrice = 10_010_000;
        }
        final TakerSide side = buy ? TakerSide.BUY : TakerSide.SELL;
        switch ((int)(i % 5))
        {
            case 0:
                publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_SPOT).instrumentId(ids.spot())
                    .exchangeTimeNs(time).receiveTimeNs(time).priceMantissa(10_000_000).priceScale(2)
                    .quantityMantissa(5 + i % 7).quantityScale(1).takerSide(side).tradeId(i));
                break;
            case 1:
                publisher.publish(new InputEvent().trade().venue(Venue.COINBASE).instrumentId(ids.coinbase())
                    .exchangeTimeNs(time).receiveTimeNs(time).priceMantissa(coinbasePrice).priceScale(2)
                    .quantityMantissa(3).quantityScale(1).takerSide(side).tradeId(i));
                break;
            case 2:
                publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(ids.eth())
                    .exchangeTimeNs(time).receiveTimeNs(time).priceMantissa(300_000).priceScale(2)
                    .quantityMantissa(2 + i % 3).quantityScale(0).takerSide(side).tradeId(i));
                break;
            default:
                publisher.publish(new InputEvent().trade().venue(Venue.BINANCE_USDM).instrumentId(ids.usdm())
                    .exchangeTimeNs(time).receiveTimeNs(time).priceMantissa(10_000_100).priceScale(2)
                    .quantityMantissa(1 + i % 9).quantityScale(1).takerSide(side).tradeId(i));
                break;
        }
    }
}
