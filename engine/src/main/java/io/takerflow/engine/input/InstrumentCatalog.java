package io.takerflow.engine.input;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.agrona.DirectBuffer;

/**
 * The instruments a run knows, each with a dense int id. Built once at start-up; after that
 * {@link #lookup(Venue, DirectBuffer, int, int)} maps a symbol's wire bytes to its id without creating a String.
 */
public final class InstrumentCatalog
{
    private static final int NOT_FOUND = -1;

    private final List<Instrument> instruments = new ArrayList<>();
    private byte[][] keys = new byte[16][];
    private int[] ids = new int[16];
    private int[] venues = new int[16];

    /**
     * Adds an instrument, or returns the id it already has.
     *
     * @param venue              where it trades.
     * @param symbol             the symbol exactly as the venue writes it on the wire.
     * @param contractMultiplier base units per unit of quantity, greater than zero.
     * @return its id.
     * @throws IllegalArgumentException if the multiplier is not positive or the symbol is already known
     *                                  with another multiplier.
     */
    public synchronized int add(final Venue venue, final String symbol, final double contractMultiplier)
    {
        return add(venue, symbol, SizeConvention.LINEAR, contractMultiplier);
    }

    /**
     * Adds an instrument with its size convention, or returns the id it already has. Inverse (USD contracts:
     * Deribit perpetuals, BitMEX {@code XBTUSD}, Kraken Futures {@code PI_}) and quanto (Gate futures) instruments
     * are added here, with the contract value (inverse, quote currency per unit of size) or the venue's
     * per-contract multiplier (quanto).
     *
     * @param venue              where it trades.
     * @param symbol             the symbol exactly as the venue writes it on the wire.
     * @param sizeConvention     how its size becomes base units.
     * @param contractMultiplier base units per unit of size, or for inverse the contract value; greater than zero.
     * @return its id.
     * @throws IllegalArgumentException if the multiplier is not positive or the symbol is already known
     *                                  with another multiplier or convention.
     */
    public synchronized int add(
        final Venue venue, final String symbol, final SizeConvention sizeConvention, final double contractMultiplier)
    {
        if (!(contractMultiplier > 0) || Double.isInfinite(contractMultiplier))
        {
            throw new IllegalArgumentException(
                "contractMultiplier of " + venue.id() + " " + symbol + " must be > 0, was " + contractMultiplier);
        }
        if (symbol.isEmpty())
        {
            throw new IllegalArgumentException("symbol of a " + venue.id() + " instrument must not be empty");
        }
        final int existing = find(venue, symbol);
        if (existing != NOT_FOUND)
        {
            final Instrument instrument = instruments.get(existing);
            if (instrument.contractMultiplier() != contractMultiplier || instrument.sizeConvention() != sizeConvention)
            {
                throw new IllegalArgumentException("instrument " + venue.id() + " " + symbol +
                    " added twice with different sizes: " + instrument.sizeConvention() + " " +
                    instrument.contractMultiplier() + " and " + sizeConvention + " " + contractMultiplier);
            }
            return existing;
        }
        final int id = instruments.size();
        instruments.add(new Instrument(id, venue, symbol, contractMultiplier, sizeConvention));
        insert(venue, symbol.getBytes(StandardCharsets.US_ASCII), id);
        return id;
    }

    /**
     * @param venue  where it trades.
     * @param symbol the wire symbol.
     * @return its id, or -1 if unknown.
     */
    public synchronized int find(final Venue venue, final String symbol)
    {
        for (final Instrument instrument : instruments)
        {
            if (instrument.venue() == venue && instrument.symbol().equals(symbol))
            {
                return instrument.id();
            }
        }
        return NOT_FOUND;
    }

    /**
     * Maps a symbol's bytes on the wire to its id; open addressing over the bytes, no allocation.
     *
     * @param venue  where the frame came from.
     * @param buffer holds the symbol's bytes.
     * @param offset first byte of the symbol.
     * @param length number of bytes.
     * @return the instrument id, or -1 if the symbol is not configured.
     */
    public int lookup(final Venue venue, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[][] keys = this.keys;
        final int mask = keys.length - 1;
        int slot = hash(venue.ordinal(), buffer, offset, length) & mask;
        while (true)
        {
            final byte[] key = keys[slot];
            if (key == null)
            {
                return NOT_FOUND;
            }
            if (venues[slot] == venue.ordinal() && equals(key, buffer, offset, length))
            {
                return ids[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * @param id an instrument id.
     * @return the instrument.
     */
    public Instrument get(final int id)
    {
        return instruments.get(id);
    }

    /**
     * @return how many instruments are known; ids run from 0 to size - 1.
     */
    public int size()
    {
        return instruments.size();
    }

    /**
     * @return every instrument, in id order.
     */
    public List<Instrument> all()
    {
        return Collections.unmodifiableList(instruments);
    }

    private void insert(final Venue venue, final byte[] key, final int id)
    {
        if ((instruments.size() * 2) > keys.length)
        {
            final byte[][] oldKeys = keys;
            final int[] oldIds = ids;
            final int[] oldVenues = venues;
            keys = new byte[oldKeys.length * 2][];
            ids = new int[oldKeys.length * 2];
            venues = new int[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++)
            {
                if (oldKeys[i] != null)
                {
                    put(oldVenues[i], oldKeys[i], oldIds[i]);
                }
            }
        }
        put(venue.ordinal(), key, id);
    }

    private void put(final int venueOrdinal, final byte[] key, final int id)
    {
        final int mask = keys.length - 1;
        int slot = hash(venueOrdinal, key) & mask;
        while (keys[slot] != null)
        {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        ids[slot] = id;
        venues[slot] = venueOrdinal;
    }

    private static int hash(final int venueOrdinal, final DirectBuffer buffer, final int offset, final int length)
    {
        int h = 31 * venueOrdinal + length;
        for (int i = 0; i < length; i++)
        {
            h = 31 * h + buffer.getByte(offset + i);
        }
        return h ^ (h >>> 16);
    }

    private static int hash(final int venueOrdinal, final byte[] key)
    {
        int h = 31 * venueOrdinal + key.length;
        for (final byte b : key)
        {
            h = 31 * h + b;
        }
        return h ^ (h >>> 16);
    }

    private static boolean equals(final byte[] key, final DirectBuffer buffer, final int offset, final int length)
    {
        if (key.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (key[i] != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString()
    {
        return "InstrumentCatalog" + Arrays.toString(instruments.toArray());
    }
}
