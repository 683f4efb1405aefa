package io.tickloop.loadgen.report;

import java.util.Locale;

/**
 * A tiny streaming JSON writer: objects, arrays, strings, numbers and booleans, indented two spaces. Enough
 * for a summary file without a JSON library.
 */
public final class JsonWriter
{
    private final StringBuilder out = new StringBuilder();
    private int depth;
    private boolean first = true;

    /**
     * @param name of the member, or null inside an array or at the top.
     * @return this.
     */
    public JsonWriter beginObject(final String name)
    {
        member(name);
        out.append('{');
        depth++;
        first = true;
        return this;
    }

    /**
     * @return this.
     */
    public JsonWriter endObject()
    {
        return end('}');
    }

    /**
     * @param name of the member, or null inside an array.
     * @return this.
     */
    public JsonWriter beginArray(final String name)
    {
        member(name);
        out.append('[');
        depth++;
        first = true;
        return this;
    }

    /**
     * @return this.
     */
    public JsonWriter endArray()
    {
        return end(']');
    }

    /**
     * @param name of the member.
     * @param value a string, or null.
     * @return this.
     */
    public JsonWriter value(final String name, final String value)
    {
        member(name);
        if (null == value)
        {
            out.append("null");
        }
        else
        {
            quote(value);
        }
        return this;
    }

    /**
     * @param name of the member.
     * @param value a whole number.
     * @return this.
     */
    public JsonWriter value(final String name, final long value)
    {
        member(name);
        out.append(value);
        return this;
    }

    /**
     * @param name of the member.
     * @param value a number; NaN and infinities are written as null.
     * @return this.
     */
    public JsonWriter value(final String name, final double value)
    {
        member(name);
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            out.append("null");
        }
        else
        {
            out.append(String.format(Locale.ROOT, "%.3f", value));
        }
        return this;
    }

    /**
     * @param name of the member.
     * @param value a boolean.
     * @return this.
     */
    public JsonWriter value(final String name, final boolean value)
    {
        member(name);
        out.append(value);
        return this;
    }

    @Override
    public String toString()
    {
        return out.toString();
    }

    private JsonWriter end(final char bracket)
    {
        depth--;
        if (!first)
        {
            newline();
        }
        out.append(bracket);
        first = false;
        if (depth == 0)
        {
            out.append('\n');
        }
        return this;
    }

    private void member(final String name)
    {
        if (depth > 0)
        {
            if (!first)
            {
                out.append(',');
            }
            newline();
        }
        first = false;
        if (null != name)
        {
            quote(name);
            out.append(": ");
        }
    }

    private void newline()
    {
        out.append('\n');
        for (int i = 0; i < depth; i++)
        {
            out.append("  ");
        }
    }

    private void quote(final String text)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
