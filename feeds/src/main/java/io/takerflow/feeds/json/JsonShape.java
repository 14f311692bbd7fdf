package io.takerflow.feeds.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A venue's message exactly as the venue writes it (compact, keys in its order), compiled once, so a decoder can
 * read a frame of that layout without tokenizing it: the fixed text between values is compared eight bytes at a
 * time and the values are read into numbered slots of the {@link JsonCursor} ({@link JsonCursor#match}). A frame
 * that differs in any byte of the fixed text (another key order, whitespace, an extra field, a value of another
 * type, a number the fast reading does not take, such as a sign, an exponent or more than 18 digits) does not
 * match, and the decoder reads it with its general field loop instead, which is the reference: a match yields the
 * same values that loop would, which {@code JsonShapeTest} and each decoder's test check on recorded frames.
 * <p>
 * The pattern is the message's text with holes, one per value:
 * <ul>
 *     <li>{@code %S} a string's content (between quotes written in the pattern) into the next slot
 *     ({@link JsonCursor#slotOffset}, {@link JsonCursor#slotLength});</li>
 *     <li>{@code %D} an unsigned decimal ({@code 86512.30}) into the next slot ({@link JsonCursor#slotMantissa},
 *     {@link JsonCursor#slotScale});</li>
 *     <li>{@code %L} an unsigned whole number into the next slot ({@link JsonCursor#slotMantissa});</li>
 *     <li>{@code %B} {@code true} or {@code false} into the next slot (mantissa 1 or 0);</li>
 *     <li>{@code %s} a string's content and {@code %n} a number, skipped;</li>
 *     <li>{@code %[} and {@code %]} around one element of an array whose elements all have that shape: matched
 *     one or more times, separated by commas, with the element handler called after each.</li>
 * </ul>
 * A hole that fills a slot may name it ({@code %D3} reads a decimal into slot 3), so shapes of one venue whose fields
 * come in different orders fill the same slots; a hole without a number takes the slot after the highest used so
 * far. A shape is immutable and may be shared.
 */
public final class JsonShape
{
    /** Most slots one shape may have. */
    public static final int MAX_SLOTS = 16;

    static final int STRING = 1;
    static final int DECIMAL = 2;
    static final int WHOLE = 3;
    static final int BOOLEAN = 4;
    static final int SKIP_STRING = 5;
    static final int SKIP_NUMBER = 6;
    static final int ELEMENT_BEGIN = 7;
    static final int ELEMENT_END = 8;
    static final int END = 9;

    /**
     * The program, one step per hole: the literal to match first ({@code stepLiterals}, -1 if none), then the hole
     * ({@code ops}) with its slot, or for {@code ELEMENT_END} the step to go back to for the next element
     * ({@code args}). A last step {@code END} matches the closing literal.
     */
    final int[] stepLiterals;
    final int[] ops;
    final int[] args;
    /** Each literal's whole eight-byte words, little-endian. */
    final long[][] literalWords;
    final int[] literalLengths;
    /** Each literal's last eight bytes as one word (all of it, zero-padded, if shorter). */
    final long[] literalTails;
    private final String pattern;

    private JsonShape(final String pattern)
    {
        this.pattern = pattern;
        final List<int[]> steps = new ArrayList<>();
        final List<byte[]> literals = new ArrayList<>();
        final StringBuilder literal = new StringBuilder();
        int slots = 0;
        int elementBegin = -1;
        for (int i = 0; i < pattern.length(); i++)
        {
            final char c = pattern.charAt(i);
            if (c != '%')
            {
                literal.append(c);
                continue;
            }
            if (i + 1 == pattern.length())
            {
                throw new IllegalArgumentException("pattern ends with a lone %: " + pattern);
            }
            final char hole = pattern.charAt(++i);
            if (hole == '%')
            {
                literal.append('%');
                continue;
            }
            final int before = takeLiteral(literal, literals);
            int slot = slots;
            if (Character.isUpperCase(hole) && i + 1 < pattern.length() && Character.isDigit(pattern.charAt(i + 1)))
            {
                slot = 0;
                while (i + 1 < pattern.length() && Character.isDigit(pattern.charAt(i + 1)))
                {
                    slot = slot * 10 + pattern.charAt(++i) - '0';
                }
            }
            if (Character.isUpperCase(hole))
            {
                slots = Math.max(slots, slot + 1);
            }
            switch (hole)
            {
                case 'S':
                    steps.add(new int[] {before, STRING, slot});
                    break;
                case 'D':
                    steps.add(new int[] {before, DECIMAL, slot});
                    break;
                case 'L':
                    steps.add(new int[] {before, WHOLE, slot});
                    break;
                case 'B':
                    steps.add(new int[] {before, BOOLEAN, slot});
                    break;
                case 's':
                    steps.add(new int[] {before, SKIP_STRING, -1});
                    break;
                case 'n':
                    steps.add(new int[] {before, SKIP_NUMBER, -1});
                    break;
                case '[':
                    if (elementBegin >= 0)
                    {
                        throw new IllegalArgumentException("nested %[ in " + pattern);
                    }
                    elementBegin = steps.size();
                    steps.add(new int[] {before, ELEMENT_BEGIN, -1});
                    break;
                case ']':
                    if (elementBegin < 0)
                    {
                        throw new IllegalArgumentException("%] without %[ in " + pattern);
                    }
                    steps.add(new int[] {before, ELEMENT_END, elementBegin + 1});
                    elementBegin = -1;
                    break;
                default:
                    throw new IllegalArgumentException("unknown hole %" + hole + " in " + pattern);
            }
            if (slots > MAX_SLOTS || slot >= MAX_SLOTS)
            {
                throw new IllegalArgumentException("more than " + MAX_SLOTS + " slots in " + pattern);
            }
        }
        if (elementBegin >= 0)
        {
            throw new IllegalArgumentException("%[ without %] in " + pattern);
        }
        final int last = takeLiteral(literal, literals);
        if (last >= 0)
        {
            steps.add(new int[] {last, END, -1});
        }
        stepLiterals = new int[steps.size()];
        ops = new int[steps.size()];
        args = new int[steps.size()];
        for (int i = 0; i < steps.size(); i++)
        {
            stepLiterals[i] = steps.get(i)[0];
            ops[i] = steps.get(i)[1];
            args[i] = steps.get(i)[2];
        }
        literalWords = new long[literals.size()][];
        literalLengths = new int[literals.size()];
        literalTails = new long[literals.size()];
        for (int i = 0; i < literals.size(); i++)
        {
            final byte[] text = literals.get(i);
            literalLengths[i] = text.length;
            literalWords[i] = new long[text.length / Long.BYTES];
            for (int b = 0; b < literalWords[i].length * Long.BYTES; b++)
            {
                literalWords[i][b / Long.BYTES] |= (text[b] & 0xFFL) << (8 * (b % Long.BYTES));
            }
            for (int b = Math.max(0, text.length - Long.BYTES), k = 0; b < text.length; b++, k++)
            {
                literalTails[i] |= (text[b] & 0xFFL) << (8 * k);
            }
        }
    }

    /**
     * Ends the literal text gathered so far.
     *
     * @return its index among the literals, or -1 if there was none.
     */
    private static int takeLiteral(final StringBuilder literal, final List<byte[]> literals)
    {
        if (literal.length() == 0)
        {
            return -1;
        }
        literals.add(literal.toString().getBytes(StandardCharsets.UTF_8));
        literal.setLength(0);
        return literals.size() - 1;
    }

    /**
     * @param pattern the message's text with holes, as described above.
     * @return the compiled shape.
     * @throws IllegalArgumentException if the pattern is not well formed.
     */
    public static JsonShape of(final String pattern)
    {
        return new JsonShape(pattern);
    }

    /**
     * Called after each element of a {@code %[ %]} array has matched, with the element's slots readable.
     */
    @FunctionalInterface
    public interface ElementHandler
    {
        /**
         * @param json the cursor holding the element's slots.
         * @return false to stop matching (the frame is then read by the general loop).
         */
        boolean onElement(JsonCursor json);
    }

    @Override
    public String toString()
    {
        return pattern;
    }
}
