package io.takerflow.feeds.json;

import java.nio.ByteOrder;

import org.agrona.UnsafeApi;

/**
 * Eight bytes of text at once ("SIMD within a register"): the word loads and bit tricks the cursor and the time
 * parser share. A word holds byte {@code k} of the text in bits {@code 8k} to {@code 8k + 7} on every platform.
 */
final class Swar
{
    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long ZEROS = 0x3030_3030_3030_3030L;
    private static final long SIXES = 0x0606_0606_0606_0606L;
    private static final long NIBBLES_HIGH = 0xF0F0_F0F0_F0F0_F0F0L;
    private static final long SPACES = 0x2020_2020_2020_2020L;

    private Swar()
    {
    }

    /**
     * @param array   the bytes, or null for memory at an absolute address.
     * @param address the first byte's offset in the array (from its base) or its address.
     * @return the eight bytes there as a word.
     */
    static long word(final byte[] array, final long address)
    {
        final long word = UnsafeApi.getLong(array, address);
        return BIG_ENDIAN ? Long.reverseBytes(word) : word;
    }

    /**
     * @param array   the bytes.
     * @param address the first byte's offset in the array, from its base.
     * @return the four bytes there as an int, byte {@code k} in bits {@code 8k} to {@code 8k + 7}.
     */
    static int intWord(final byte[] array, final long address)
    {
        final int word = UnsafeApi.getInt(array, address);
        return BIG_ENDIAN ? Integer.reverseBytes(word) : word;
    }

    /**
     * @return nonzero bytes wherever {@code word} holds a byte that is not an ASCII digit.
     */
    static long notDigits(final long word)
    {
        return ((word & NIBBLES_HIGH) ^ ZEROS) | (((word + SIXES) & NIBBLES_HIGH) ^ ZEROS);
    }

    /**
     * @return the high bit set in the lowest byte of {@code word} that is zero (bits above it may be set too, by the
     * borrow), or 0 if no byte is zero.
     */
    static long zeroBytes(final long word)
    {
        return (word - ONES) & ~word & HIGHS;
    }

    /**
     * @return the high bit set in the lowest byte of {@code word} that is below 0x20, a control character (bits above
     * it may be set too), or 0 if there is none.
     */
    static long controlBytes(final long word)
    {
        return (word - SPACES) & ~word & HIGHS;
    }

    /**
     * @return the value of eight ASCII digits in a word (zero bytes count as leading zeros), by three
     * multiplications that each combine neighbouring pairs.
     */
    static long eightDigits(final long word)
    {
        long value = ((word & 0x0F0F_0F0F_0F0F_0F0FL) * 2561) >>> 8;
        value = ((value & 0x00FF_00FF_00FF_00FFL) * 6_553_601) >>> 16;
        return ((value & 0x0000_FFFF_0000_FFFFL) * 42_949_672_960_001L) >>> 32;
    }
}
